import { z } from 'zod'
import { CreateIdeaBody, CreateIdeaResponse, IdeasResponse } from './api.ts'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'
import { MergeErrorCode, MergeIdeasBody, MergeIdeasResponse } from './mergeIdeasApi.ts'

/** Idea cards through the API, declared once (server: server/src/http/routes/ideas.ts, mergeIdeas.ts). */

/**
 * A card that waits in the moderation inbox instead (202). Described by its id and text only:
 * the moderation feature owns the rest of its shape (shared/src/moderation.ts, HeldCardDto).
 */
const HeldIdea = z.object({ held: z.object({ id: z.string(), text: z.string() }) })

export const createIdea = defineRoute({
  operationId: 'createIdea',
  method: 'POST',
  path: '/api/boards/:boardId/ideas',
  summary:
    "Add an idea card (appears live); 202: a participant's card on a moderated board waits in the facilitator's inbox",
  auth: 'participant',
  body: CreateIdeaBody,
  status: 201,
  response: CreateIdeaResponse,
  alsoAnswers: { 202: HeldIdea },
  errors: {
    404: [ErrorCode.boardNotFound],
    409: [ErrorCode.boardLocked, 'private_phase_running', 'moderation_off', 'too_many_held_cards'],
    422: ['cluster_not_found'],
  },
})

export const listIdeas = defineRoute({
  operationId: 'listIdeas',
  method: 'GET',
  path: '/api/boards/:boardId/ideas',
  summary: 'Clusters and ideas (with the points of revealed rounds)',
  auth: 'any',
  status: 200,
  response: IdeasResponse,
  errors: { 404: [ErrorCode.boardNotFound] },
})

export const mergeIdeas = defineRoute({
  operationId: 'mergeIdeas',
  method: 'POST',
  path: '/api/boards/:boardId/ideas/merge',
  summary: 'Merge duplicate idea cards into the first (texts, authors and comments kept)',
  auth: 'participant',
  body: MergeIdeasBody,
  status: 200,
  response: MergeIdeasResponse,
  errors: {
    404: [ErrorCode.boardNotFound, ErrorCode.ideaNotFound],
    409: [MergeErrorCode.roundOpen, ErrorCode.boardLocked],
    422: [MergeErrorCode.textTooLong],
  },
})

/** Every declared idea route, for the server and the API description. */
export const ideaRoutes = [createIdea, listIdeas, mergeIdeas] as const
