/**
 * Who counts as "at a table" for its optional participant limit: the participants (not the
 * facilitator, not projectors, not revoked participants) whose *current table* it is. A
 * participant has one current table at a time; it is set when they choose the table on the
 * join page or open its board, and moves when they go to another table. It is not tied to an
 * open connection on purpose: a phone that sleeps in a pocket or drops off the venue Wi-Fi still
 * belongs to a person at that table, and must get back in when it wakes up.
 */
export interface SeatCheck {
  maxParticipants: number | null
  /** Participants other than this one whose current table this is. */
  othersSeated: number
  /** This participant's current table is already this one. */
  alreadySeated: boolean
}

/** May the participant take (or keep) a seat at this table? */
export function mayTakeSeat({ maxParticipants, othersSeated, alreadySeated }: SeatCheck): boolean {
  if (alreadySeated || maxParticipants === null) return true
  return othersSeated < maxParticipants
}
