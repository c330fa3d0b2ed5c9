import { ProjectorActionBody, TimerActionBody, ViewActionBody } from '@pinnwand/shared'
import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/** The facilitation feature's part of the API description (/api/openapi.json). */
export const facilitationOpenApi: OpenApiPaths = {
  '/api/boards/{boardId}/timer': {
    post: {
      summary: 'Board timer: start, pause, resume, add time, stop',
      auth: 'facilitator',
      body: TimerActionBody,
      responses: { '200': 'timer, serverNow', ...errors, '409': 'timer_not_running | timer_not_paused | no_timer' },
    },
  },
  '/api/boards/{boardId}/view': {
    post: {
      summary: 'Bring everyone to a view once, or have everyone follow it',
      auth: 'facilitator',
      body: ViewActionBody,
      responses: { '200': 'follow, summon', ...errors },
    },
  },
  '/api/boards/{boardId}/projector': {
    post: {
      summary: 'What the projector shows: board, countdown, results (step by step) or join',
      auth: 'facilitator',
      body: ProjectorActionBody,
      responses: { '200': 'projector', ...errors },
    },
  },
  '/api/boards/{boardId}/display': {
    get: {
      summary: 'Board and workshop title, join code (for the projector)',
      auth: 'any',
      responses: { '200': 'board, workshop', ...errors },
    },
  },
}
