import { type BoardKind, boardKindOf, type BoardPhase, type BoardTimerSection } from '@pinnwand/shared'
import { IDLE_WARNING_MS, type TableRoundStatus, type TableStatus } from '@pinnwand/shared/controlApi'
import { usedDots } from '../voting/votingRules.ts'
import type { RoundRow, RoundTally, VoterBallot } from '../voting/VotingStore.ts'

/** What the store and the relay know about one table, gathered by the caller. */
export interface TableFacts {
  board: {
    id: string
    title: string
    phase: BoardPhase
    locked: boolean
    ideaCount: number
    lastActivityAt: number | null
    createdAt: number
    maxParticipants?: number | null
    kind?: BoardKind
    template?: string
  }
  number: number | null
  present: number
  seated: number
  round: { row: RoundRow; status: TableRoundStatus['status']; tally: RoundTally; ballots: VoterBallot[] } | null
  /** The participants seated at the table (for "who is not done yet" in named rounds). */
  seatedPeople?: { id: string; name: string }[]
  /** Who said "Ich bin fertig" for the current task (collect, or the open round). */
  doneSignals?: { id: string; name: string }[]
  timer: BoardTimerSection | null
}

/**
 * People whose whole budget is placed. Proxy voters are the facilitator's stand-ins for people
 * without a device: they are not among those present, so they don't count here either.
 */
export function doneVoters(
  ballots: readonly VoterBallot[],
  dotsPerParticipant: number,
  signalled: readonly { id: string }[] = [],
): number {
  const done = new Set(signalled.map((p) => p.id))
  for (const b of ballots) if (!b.proxy && usedDots(b.votes) >= dotsPerParticipant) done.add(b.voterId)
  return done.size
}

/** Names of the people at the table who have not placed their whole budget yet. */
export function notDone(
  seated: readonly { id: string; name: string }[],
  ballots: readonly VoterBallot[],
  dotsPerParticipant: number,
  signalled: readonly { id: string }[] = [],
): string[] {
  const used = new Map(ballots.map((b) => [b.voterId, usedDots(b.votes)]))
  const said = new Set(signalled.map((p) => p.id))
  return seated.filter((p) => !said.has(p.id) && (used.get(p.id) ?? 0) < dotsPerParticipant).map((p) => p.name)
}

/**
 * Collecting ideas and nothing written for IDLE_WARNING_MS: the organiser should look. A table
 * never written on counts from its creation, so a table nobody joined warns too.
 */
export function isIdle(board: TableFacts['board'], now: number): boolean {
  if (board.phase !== 'collect') return false
  return now - (board.lastActivityAt ?? board.createdAt) >= IDLE_WARNING_MS
}

/** What "Ich bin fertig" refers to now: the open round, else collecting; null otherwise. */
export function doneContext(phase: string, openRoundId: string | null): string | null {
  if (openRoundId) return `round:${openRoundId}`
  return phase === 'collect' ? 'collect' : null
}

/** One table's line in the control room. Pure: the caller loads, this decides. */
export function tableStatus(facts: TableFacts, now: number): TableStatus {
  const { board, round } = facts
  return {
    id: board.id,
    number: facts.number,
    kind: boardKindOf(board),
    title: board.title,
    phase: board.phase,
    locked: board.locked,
    present: facts.present,
    seated: facts.seated,
    maxParticipants: board.maxParticipants ?? null,
    ideas: board.ideaCount,
    lastActivity: board.lastActivityAt,
    round: round
      ? {
          id: round.row.id,
          status: round.status,
          dotsPerParticipant: round.row.dotsPerParticipant,
          totalVotes: round.tally.totalVotes,
          voters: round.tally.voters,
          done: doneVoters(round.ballots, round.row.dotsPerParticipant, facts.doneSignals),
          closesAt: round.row.closesAt,
          pausedRemainingMs: round.status === 'open' ? round.row.pausedRemainingMs : null,
          ...(round.status === 'open' && !round.row.anonymous && facts.seatedPeople
            ? { notDone: notDone(facts.seatedPeople, round.ballots, round.row.dotsPerParticipant, facts.doneSignals) }
            : {}),
        }
      : null,
    timer: facts.timer,
    idle: isIdle(board, now),
    finished: board.phase === 'collect' ? (facts.doneSignals?.length ?? 0) : null,
  }
}
