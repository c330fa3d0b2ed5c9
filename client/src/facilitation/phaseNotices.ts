import type { BoardPhase, BoardStateMessage, BoardViewSection } from '@pinnwand/shared/boardState'
import { readRoundSection } from '../voting/readRoundSection.ts'

/** Something that changed for everyone at the table and that a participant should notice. */
export type PhaseNotice =
  | { kind: 'phase'; phase: BoardPhase }
  | { kind: 'roundStarted'; dots: number }
  | { kind: 'roundClosed' }
  | { kind: 'roundRevealed' }
  | { kind: 'followStarted'; name: string }
  | { kind: 'followEnded'; name: string }
  | { kind: 'timeUp' }

type State = Pick<BoardStateMessage, 'phase' | 'follow'> & { round?: unknown }

/**
 * What a participant is told when the board state changes from `before` to `after`: a new
 * phase, a voting round that starts or ends, "follow me" that starts or ends. Nothing on the
 * first state (opening the board is not news), nothing about one's own "follow me".
 */
export function noticesBetween(before: State | null, after: State, myUserId: string): PhaseNotice[] {
  if (!before) return []
  const notices: PhaseNotice[] = []
  if (before.phase !== after.phase) notices.push({ kind: 'phase', phase: after.phase })

  const was = readRoundSection(before.round)
  const is = readRoundSection(after.round)
  if (is && is.status === 'open' && (was?.id !== is.id || was.status !== 'open')) {
    notices.push({ kind: 'roundStarted', dots: is.dotsPerParticipant })
  } else if (is && was?.id === is.id && was.status !== is.status) {
    if (is.status === 'revealed') notices.push({ kind: 'roundRevealed' })
    else if (is.status === 'closed') notices.push({ kind: 'roundClosed' })
  } else if (is && was?.id !== is.id && is.status === 'revealed') {
    notices.push({ kind: 'roundRevealed' })
  }

  const followed = (view: BoardViewSection | null | undefined) => (view && view.userId !== myUserId ? view : null)
  const leaderBefore = followed(before.follow)
  const leaderAfter = followed(after.follow)
  if (leaderAfter && leaderBefore?.since !== leaderAfter.since) {
    notices.push({ kind: 'followStarted', name: leaderAfter.name })
  } else if (leaderBefore && !after.follow) {
    notices.push({ kind: 'followEnded', name: leaderBefore.name })
  }
  return supersede(notices)
}

/**
 * Opening a round moves the phase to "vote", revealing it to "results" (server/src/voting/
 * followPhase.ts): the round's own notice says more than "new phase", so only that one is kept.
 */
export function supersede(notices: PhaseNotice[]): PhaseNotice[] {
  const has = (kind: PhaseNotice['kind']) => notices.some((n) => n.kind === kind)
  const unique = notices.filter(
    (notice, index) => notices.findIndex((other) => JSON.stringify(other) === JSON.stringify(notice)) === index,
  )
  return unique.filter(
    (n) =>
      n.kind !== 'phase' ||
      !((n.phase === 'vote' && has('roundStarted')) || (n.phase === 'results' && has('roundRevealed'))),
  )
}
