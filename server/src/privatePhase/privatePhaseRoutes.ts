import {
  NewPrivateCardBody,
  PrivateCardBody,
  type PrivateCardDto,
  type PrivateCardsResponse,
  PrivatePhaseErrorCode,
  type PrivatePhaseSection,
  PRIVATE_CARDS_PER_PERSON_MAX,
  RevealPrivateCardsBody,
  type RevealPrivateCardsResponse,
  StartPrivatePhaseBody,
} from '@pinnwand/shared'
import type { FastifyInstance } from 'fastify'
import type { Actor } from '../auth/Actor.ts'
import type { AppContext } from '../http/context.ts'
import { ApiError, forbidden, parseBody } from '../http/errors.ts'
import { requireActor, requireFacilitator } from '../http/requestAuth.ts'
import { boardFor } from '../http/boardAccess.ts'
import type { PrivateCardWrite } from './PrivateCardStore.ts'
import type { PrivatePhase } from './PrivatePhase.ts'

type BoardParams = { Params: { boardId: string } }
type CardParams = { Params: { boardId: string; cardId: string } }

/** A refused private-card write as an API error (nothing was changed). */
function writeError(result: Exclude<PrivateCardWrite, 'ok'>): ApiError {
  switch (result) {
    case 'no_phase':
      return new ApiError(409, PrivatePhaseErrorCode.noPrivatePhase, 'No private phase runs on this board (any more).')
    case 'not_found':
      return new ApiError(404, PrivatePhaseErrorCode.privateCardNotFound, 'No private card of yours with this id.')
    case 'too_many':
      return new ApiError(
        409,
        PrivatePhaseErrorCode.tooManyPrivateCards,
        `At most ${PRIVATE_CARDS_PER_PERSON_MAX} private cards per person.`,
      )
  }
}

/** Only people who write cards hold private ones: the projector reads, the facilitator writes on the board. */
function requireParticipant(actor: Actor): void {
  if (actor.role !== 'participant') throw forbidden('Only participants write private cards.')
}

/**
 * Stilles Sammeln: the facilitator starts the phase and reveals; participants write, change and
 * delete their own private cards; everyone reads what they may (docs/architecture.md, 33).
 */
export function registerPrivatePhaseRoutes(app: FastifyInstance, ctx: AppContext, phase: PrivatePhase): void {
  app.post<BoardParams>(
    '/api/boards/:boardId/private-phase',
    async (request): Promise<{ privatePhase: PrivatePhaseSection }> => {
      const actor = await requireActor(ctx.store, request)
      const board = await boardFor(ctx, actor, request.params.boardId)
      requireFacilitator(actor, 'start the private phase')
      const body = parseBody(StartPrivatePhaseBody, request.body ?? {})
      return { privatePhase: await phase.start(board.id, body.facilitatorSeesTexts) }
    },
  )

  app.post<BoardParams>(
    '/api/boards/:boardId/private-phase/reveal',
    async (request): Promise<RevealPrivateCardsResponse> => {
      const actor = await requireActor(ctx.store, request)
      const board = await boardFor(ctx, actor, request.params.boardId)
      requireFacilitator(actor, 'reveal the private cards')
      const body = parseBody(RevealPrivateCardsBody, request.body ?? {})
      const ideaIds = await phase.reveal(board.id, body.anonymous)
      if (ideaIds === null) throw writeError('no_phase')
      return { ideaIds, anonymous: body.anonymous }
    },
  )

  app.get<BoardParams>('/api/boards/:boardId/private-cards', async (request): Promise<PrivateCardsResponse> => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    return phase.list(board.id, actor)
  })

  app.post<BoardParams>('/api/boards/:boardId/private-cards', async (request, reply) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireParticipant(actor)
    const body = parseBody(NewPrivateCardBody, request.body)
    const { result, card } = await phase.add(board.id, actor, body.text.trim(), body.clientRequestId)
    if (result !== 'ok') throw writeError(result)
    return reply.code(201).send({ card } satisfies { card?: PrivateCardDto })
  })

  app.patch<CardParams>('/api/boards/:boardId/private-cards/:cardId', async (request) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireParticipant(actor)
    const body = parseBody(PrivateCardBody, request.body)
    const result = await phase.update(board.id, actor, request.params.cardId, body.text.trim())
    if (result !== 'ok') throw writeError(result)
    return { ok: true }
  })

  app.delete<CardParams>('/api/boards/:boardId/private-cards/:cardId', async (request, reply) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireParticipant(actor)
    const result = await phase.remove(board.id, actor, request.params.cardId)
    if (result !== 'ok') throw writeError(result)
    return reply.code(204).send()
  })
}
