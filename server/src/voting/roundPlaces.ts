import type { RoundRow } from './VotingStore.ts'

/**
 * What a tap needs to know about its round before it reaches the ballot: where the round is
 * (board and workshop) and the settings fixed when it opened. None of it changes after the
 * round is created (a restored round gets a new id, boards never move between workshops), so
 * one read per round and process is enough; the tap's own read (`castVote`) still sees the
 * round's live state (open, timer) and refuses a round that has since been deleted.
 *
 * Why it exists: in a plenary's voting burst 500 people tap within seconds, and these two reads
 * (round, board) were a third of every tap's round trips to PostgreSQL (docs/performance.md).
 */
export interface RoundPlace {
  roundId: string
  boardId: string
  workshopId: string
  facilitatorsVote: boolean
  ideaIds: string[] | null
}

/** Rounds remembered per process; a workshop day opens a few dozen. */
const CAPACITY = 500

export class RoundPlaces {
  private readonly known = new Map<string, RoundPlace>()
  private readonly capacity: number

  constructor(capacity = CAPACITY) {
    this.capacity = capacity
  }

  /** The round's place, read through `load` the first time (null: no such round, not cached). */
  async of(
    roundId: string,
    load: () => Promise<{ round: RoundRow; workshopId: string } | null>,
  ): Promise<RoundPlace | null> {
    const cached = this.known.get(roundId)
    if (cached) return cached
    const found = await load()
    if (!found) return null
    const place: RoundPlace = {
      roundId,
      boardId: found.round.boardId,
      workshopId: found.workshopId,
      facilitatorsVote: found.round.facilitatorsVote === true,
      ideaIds: found.round.ideaIds,
    }
    if (this.known.size >= this.capacity) this.known.delete(this.known.keys().next().value!)
    this.known.set(roundId, place)
    return place
  }

  /** Forgets a round (deleted with its board or workshop). */
  forget(roundId: string): void {
    this.known.delete(roundId)
  }
}
