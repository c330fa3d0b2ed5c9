/**
 * Dot voting in the web app.
 *
 * Reusable hooks (e.g. for the projector view):
 * - `useRound()` — the board's current round from the board-state channel
 *   (`useSession().boardState.round`, checked): settings, status, progress, never the distribution.
 * - `useRoundResults(round, token, facilitator?)` — GET /api/rounds/:id/results once they may be
 *   seen (revealed; for the facilitator from the close on), shared and cached per round.
 * - `useBallot(round, token)` — the current voter's own dots (optimistic, server-confirmed) and
 *   `place(ideaId, text, ±1)`.
 * - `roundTimer(round)` — the round's timer in the shape of facilitation's countdown helpers.
 *
 * UI: `VoteDecoration` (on every idea card), `VotingBar` (budget always in view + live region),
 * `VotingPanel` (side drawer `voting`).
 */
export { useRound } from './useRound.ts'
export { useRoundResults } from './useRoundResults.ts'
export { useBallot, useBallotLoader } from './useBallot.ts'
export { readRoundSection, roundTimer, isEligibleIdea } from './readRoundSection.ts'
export { VoteDecoration } from './VoteDecoration.tsx'
export { VotingBar } from './VotingBar.tsx'
export { VotingPanel } from './VotingPanel.tsx'
