import { z } from 'zod'
import { CLIENT_REQUEST_ID_MAX } from './heldBackCards.ts'
import { Limits } from './limits.ts'

/**
 * Stilles Sammeln (silent collecting, issue 17): while it runs, participants' new idea cards are
 * kept on the server, outside the shared board document, and sent only to their author (and to
 * the facilitator, if they chose to see the texts). "Aufdecken" puts them all on the board at once.
 */

/** Most private cards one person may hold in one phase (a hostile client cannot fill the table). */
export const PRIVATE_CARDS_PER_PERSON_MAX = 200

const cardText = z
  .string()
  .max(Limits.ideaTextMax)
  .refine((text) => text.trim().length > 0, 'text must not be empty')

/** `POST /api/boards/:boardId/private-phase`: the facilitator starts the phase. */
export const StartPrivatePhaseBody = z
  .object({
    /** The facilitator sees the texts during the phase (else only the count, like everyone). */
    facilitatorSeesTexts: z.boolean().default(false),
  })
  .strict()
export type StartPrivatePhaseBody = z.infer<typeof StartPrivatePhaseBody>

/** `POST /api/boards/:boardId/private-phase/reveal`: all private cards go on the board, the phase ends. */
export const RevealPrivateCardsBody = z
  .object({
    /** Without names: the cards carry no author, and the author keeps no right to them. */
    anonymous: z.boolean().default(false),
  })
  .strict()
export type RevealPrivateCardsBody = z.infer<typeof RevealPrivateCardsBody>

/** `POST /api/boards/:boardId/private-cards` and `PATCH …/private-cards/:cardId`. */
export const PrivateCardBody = z.object({ text: cardText }).strict()
export type PrivateCardBody = z.infer<typeof PrivateCardBody>

/**
 * `POST /api/boards/:boardId/private-cards`. `clientRequestId` (an id the device chose, `newRequestId()`) makes
 * the write idempotent: the same person sending the same id again gets the card it already made.
 */
export const NewPrivateCardBody = z
  .object({ text: cardText, clientRequestId: z.string().min(8).max(CLIENT_REQUEST_ID_MAX).optional() })
  .strict()
export type NewPrivateCardBody = z.infer<typeof NewPrivateCardBody>

/** Epoch milliseconds (server time). */
const epochMs = z.number()

/** The board-state section `privatePhase`: only facts everyone may know, never a text. */
export const PrivatePhaseSection = z.object({
  /** Server time the phase started. */
  since: epochMs,
  facilitatorSeesTexts: z.boolean(),
  /** Private cards written so far, by everyone. */
  cards: z.int(),
  /** Server time of the last change to any private card (clients that may read texts refetch). */
  changedAt: epochMs,
})
export type PrivatePhaseSection = z.infer<typeof PrivatePhaseSection>

export const PrivateCardDto = z.object({
  id: z.string(),
  text: z.string(),
  /** The author's name; only in answers to the author and to a facilitator who sees texts. */
  author: z.string(),
  authorId: z.string(),
  createdAt: epochMs,
  updatedAt: epochMs,
})
export type PrivateCardDto = z.infer<typeof PrivateCardDto>

/** `GET /api/boards/:boardId/private-cards`: what this caller may see. */
export const PrivateCardsResponse = z.object({
  phase: PrivatePhaseSection.nullable(),
  /** The caller's own cards, or every card for a facilitator who chose to see the texts. */
  cards: z.array(PrivateCardDto),
})
export type PrivateCardsResponse = z.infer<typeof PrivateCardsResponse>

/** `POST /api/boards/:boardId/private-phase`: the phase as everyone now sees it. */
export const StartPrivatePhaseResponse = z.object({ privatePhase: PrivatePhaseSection })
export type StartPrivatePhaseResponse = z.infer<typeof StartPrivatePhaseResponse>

/** `POST /api/boards/:boardId/private-cards`: 201 with the card (the one made already, for a known clientRequestId). */
export const PrivateCardResponse = z.object({ card: PrivateCardDto })
export type PrivateCardResponse = z.infer<typeof PrivateCardResponse>

/** `PATCH /api/boards/:boardId/private-cards/:cardId`: done. */
export const PrivateCardOkResponse = z.object({ ok: z.literal(true) })

export const RevealPrivateCardsResponse = z.object({
  /** Ids of the idea cards now on the board. */
  ideaIds: z.array(z.string()),
  anonymous: z.boolean(),
})
export type RevealPrivateCardsResponse = z.infer<typeof RevealPrivateCardsResponse>

/** Error codes of the private phase (besides the common ones). */
export const PrivatePhaseErrorCode = {
  /** 409: a private card, or the reveal, while no private phase runs. */
  noPrivatePhase: 'no_private_phase',
  /** 409: a participant's new card on the shared board while the private phase runs. */
  privatePhaseRunning: 'private_phase_running',
  /** 404: no private card of yours with this id. */
  privateCardNotFound: 'private_card_not_found',
  /** 409: the person holds `PRIVATE_CARDS_PER_PERSON_MAX` private cards already. */
  tooManyPrivateCards: 'too_many_private_cards',
} as const
