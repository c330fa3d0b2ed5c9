import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'
import { PromoteShortlistBody, PutShortlistBody, ShortlistResponse, VotingErrorCode as E } from './votingApi.ts'

/** The shortlist API, declared once (server: server/src/shortlist/shortlistRoutes.ts; client: callApi). */

export const getShortlist = defineRoute({
  operationId: 'getShortlist',
  method: 'GET',
  path: '/api/boards/:boardId/shortlist',
  summary: "The board's shortlist, in order",
  auth: 'any',
  status: 200,
  response: ShortlistResponse,
  errors: { 404: [ErrorCode.boardNotFound] },
})

export const replaceShortlist = defineRoute({
  operationId: 'replaceShortlist',
  method: 'PUT',
  path: '/api/boards/:boardId/shortlist',
  summary: 'Replace the shortlist (gathered live into the plenary board)',
  auth: 'facilitator',
  body: PutShortlistBody,
  status: 200,
  response: ShortlistResponse,
  errors: { 404: [ErrorCode.boardNotFound], 422: [E.unknownIdea] },
})

export const promoteToShortlist = defineRoute({
  operationId: 'promoteToShortlist',
  method: 'POST',
  path: '/api/boards/:boardId/shortlist/promote',
  summary: 'Add the top N ideas of a revealed round (ties at the boundary included)',
  auth: 'facilitator',
  body: PromoteShortlistBody,
  status: 200,
  response: ShortlistResponse,
  errors: { 404: [ErrorCode.boardNotFound, E.roundNotFound], 409: [E.notRevealed] },
})

/** Every shortlist route, for the server and the API description. */
export const shortlistRoutes = [getShortlist, replaceShortlist, promoteToShortlist] as const
