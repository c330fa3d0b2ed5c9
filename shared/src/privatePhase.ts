import { z } from 'zod'
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
  .object({ text: cardText, clientRequestId: z.string().min(8).max(64).optional() })
  .strict()
export type NewPrivateCardBody = z.infer<typeof NewPrivateCardBody>

/** The board-state section `privatePhase`: only facts everyone may know, never a text. */
export interface PrivatePhaseSection {
  /** Server time the phase started. */
  since: number
  facilitatorSeesTexts: boolean
  /** Private cards written so far, by everyone. */
  cards: number
  /** Server time of the last change to any private card (clients that may read texts refetch). */
  changedAt: number
}

export interface PrivateCardDto {
  id: string
  text: string
  /** The author's name; only in answers to the author and to a facilitator who sees texts. */
  author: string
  authorId: string
  createdAt: number
  updatedAt: number
}

/** `GET /api/boards/:boardId/private-cards`: what this caller may see. */
export interface PrivateCardsResponse {
  phase: PrivatePhaseSection | null
  /** The caller's own cards, or every card for a facilitator who chose to see the texts. */
  cards: PrivateCardDto[]
}

export interface RevealPrivateCardsResponse {
  /** Ids of the idea cards now on the board. */
  ideaIds: string[]
  anonymous: boolean
}

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
