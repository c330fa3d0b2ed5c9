import { PromoteShortlistBody, PutShortlistBody } from '@pinnwand/shared'
import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/** The shortlist feature's part of the API description (/api/openapi.json). */
export const shortlistOpenApi: OpenApiPaths = {
  '/api/boards/{boardId}/shortlist': {
    get: { summary: "The board's shortlist, in order", auth: 'any', responses: { '200': 'shortlist', ...errors } },
    put: {
      summary: 'Replace the shortlist (gathered live into the plenary board)',
      auth: 'facilitator',
      body: PutShortlistBody,
      responses: { '200': 'shortlist', '422': 'unknown_idea', ...errors },
    },
  },
  '/api/boards/{boardId}/shortlist/promote': {
    post: {
      summary: 'Add the top N ideas of a revealed round (ties at the boundary included)',
      auth: 'facilitator',
      body: PromoteShortlistBody,
      responses: { '200': 'shortlist', '404': 'round_not_found', '409': 'not_revealed', ...errors },
    },
  },
}
