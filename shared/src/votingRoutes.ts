import { z } from 'zod'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'
import {
  CastVoteBody,
  CastVoteResponse,
  CreateRoundBody,
  CreateRoundResponse,
  ExtendRoundBody,
  MyRoundVotesResponse,
  RoundListResponse,
  RoundProxiesResponse,
  RoundResponse,
  RoundResultsDto,
  VotingErrorCode as E,
} from './votingApi.ts'

/** The voting API, declared once (server: server/src/voting/votingRoutes.ts; client: callApi). */

export const openRound = defineRoute({
  operationId: 'openRound',
  method: 'POST',
  path: '/api/boards/:boardId/rounds',
  summary: 'Open a voting round',
  auth: 'facilitator',
  body: CreateRoundBody,
  status: 201,
  response: CreateRoundResponse,
  errors: {
    404: [ErrorCode.boardNotFound],
    409: [E.roundAlreadyOpen],
    422: [E.unknownIdea, E.unknownCluster, E.noEligibleIdeas],
  },
})

export const listRounds = defineRoute({
  operationId: 'listRounds',
  method: 'GET',
  path: '/api/boards/:boardId/rounds',
  summary: 'Rounds of a board',
  auth: 'any',
  status: 200,
  response: RoundListResponse,
  errors: { 404: [ErrorCode.boardNotFound] },
})

export const getRound = defineRoute({
  operationId: 'getRound',
  method: 'GET',
  path: '/api/rounds/:roundId',
  summary: 'One round (results only when revealed, or for the facilitator)',
  auth: 'any',
  status: 200,
  response: RoundResponse,
  errors: { 404: [E.roundNotFound] },
})

export const castVote = defineRoute({
  operationId: 'castVote',
  method: 'POST',
  path: '/api/rounds/:roundId/votes',
  summary: 'Place or take back a dot (idempotent with requestId)',
  auth: 'participant',
  body: CastVoteBody,
  status: 200,
  response: CastVoteResponse,
  errors: {
    403: [E.facilitatorsDoNotVote],
    404: [E.roundNotFound],
    409: [E.budgetExhausted, E.ideaCapReached, E.roundNotOpen, E.noVoteToRemove],
    422: [E.ideaNotEligible],
  },
})

export const myRoundVotes = defineRoute({
  operationId: 'myRoundVotes',
  method: 'GET',
  path: '/api/rounds/:roundId/me',
  summary: 'My dots and remaining budget (facilitator: ?onBehalfOf=name for a proxy voter)',
  auth: 'participant',
  query: z.object({ onBehalfOf: z.string().optional() }),
  status: 200,
  response: MyRoundVotesResponse,
  errors: { 404: [E.roundNotFound] },
})

export const closeRound = defineRoute({
  operationId: 'closeRound',
  method: 'POST',
  path: '/api/rounds/:roundId/close',
  summary: 'Close a round',
  auth: 'facilitator',
  status: 200,
  response: RoundResponse,
  errors: { 404: [E.roundNotFound] },
})

export const revealRound = defineRoute({
  operationId: 'revealRound',
  method: 'POST',
  path: '/api/rounds/:roundId/reveal',
  summary: 'Reveal results',
  auth: 'facilitator',
  status: 200,
  response: RoundResponse,
  errors: { 404: [E.roundNotFound] },
})

export const roundProxies = defineRoute({
  operationId: 'roundProxies',
  method: 'GET',
  path: '/api/rounds/:roundId/proxies',
  summary: 'Proxy voters of a round',
  auth: 'facilitator',
  status: 200,
  response: RoundProxiesResponse,
  errors: { 404: [E.roundNotFound] },
})

const timerErrors = { 404: [E.roundNotFound], 409: [E.roundNotOpen, E.roundHasNoTimer] }

export const pauseRound = defineRoute({
  operationId: 'pauseRound',
  method: 'POST',
  path: '/api/rounds/:roundId/pause',
  summary: "Pause the round's timer (idempotent)",
  auth: 'facilitator',
  status: 200,
  response: RoundResponse,
  errors: timerErrors,
})

export const resumeRound = defineRoute({
  operationId: 'resumeRound',
  method: 'POST',
  path: '/api/rounds/:roundId/resume',
  summary: "Resume the round's timer (idempotent)",
  auth: 'facilitator',
  status: 200,
  response: RoundResponse,
  errors: timerErrors,
})

export const extendRound = defineRoute({
  operationId: 'extendRound',
  method: 'POST',
  path: '/api/rounds/:roundId/extend',
  summary: "Add time to the round's timer (default 60 s)",
  auth: 'facilitator',
  // No body (or null) is the default minute, as an empty object is.
  body: ExtendRoundBody.nullish(),
  status: 200,
  response: RoundResponse,
  errors: timerErrors,
})

export const roundResults = defineRoute({
  operationId: 'roundResults',
  method: 'GET',
  path: '/api/rounds/:roundId/results',
  summary: 'Results (others: only when revealed)',
  auth: 'any',
  status: 200,
  response: RoundResultsDto,
  errors: { 403: [E.notRevealed], 404: [E.roundNotFound] },
})

/** Every voting route, for the server and the API description. */
export const votingRoutes = [
  openRound,
  listRounds,
  getRound,
  castVote,
  myRoundVotes,
  closeRound,
  revealRound,
  roundProxies,
  pauseRound,
  resumeRound,
  extendRound,
  roundResults,
] as const
