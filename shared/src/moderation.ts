import { z } from 'zod'
import { CLIENT_REQUEST_ID_MAX } from './heldBackCards.ts'
import { Limits } from './limits.ts'

/**
 * Moderation (issue 17, "Moderations-Eingang"): while a board is moderated, a participant's new
 * idea card is held on the server — outside the shared board document — until the facilitator
 * approves it ("Freigeben") or rejects it. Only its author and the facilitator read a held text;
 * a rejected text only its author (the reason too). Everyone else learns the counts.
 */

/** Most waiting or rejected cards one person may hold on one board (a hostile client cannot fill the table). */
export const HELD_CARDS_PER_PERSON_MAX = 200

/** Longest reason a facilitator may give for a rejection. */
export const REJECT_REASON_MAX = 500

const cardText = z
  .string()
  .max(Limits.ideaTextMax)
  .refine((text) => text.trim().length > 0, 'text must not be empty')

/** `POST /api/boards/:boardId/held-cards` and `PATCH …/held-cards/:cardId` (the author). */
export const HeldCardBody = z.object({ text: cardText }).strict()
export type HeldCardBody = z.infer<typeof HeldCardBody>

/**
 * `POST /api/boards/:boardId/held-cards`. `clientRequestId` (an id the device chose) makes the
 * write idempotent: the same person sending the same id again gets the card it already made.
 */
export const NewHeldCardBody = z
  .object({ text: cardText, clientRequestId: z.string().min(8).max(CLIENT_REQUEST_ID_MAX).optional() })
  .strict()
export type NewHeldCardBody = z.infer<typeof NewHeldCardBody>

/** `POST /api/boards/:boardId/moderation/inbox/:cardId/approve`: optionally with the facilitator's edit. */
export const ApproveHeldCardBody = z.object({ text: cardText.optional() }).strict()
export type ApproveHeldCardBody = z.infer<typeof ApproveHeldCardBody>

/** `POST /api/boards/:boardId/moderation/inbox/:cardId/reject`: the optional reason goes to the author only. */
export const RejectHeldCardBody = z
  .object({ reason: z.string().trim().max(REJECT_REASON_MAX).nullable().optional() })
  .strict()
export type RejectHeldCardBody = z.infer<typeof RejectHeldCardBody>

/** Epoch milliseconds (server time). */
const epochMs = z.number()

/** The board-state section `moderation`: only facts everyone may know, never a text. Null: never moderated. */
export const ModerationSection = z.object({
  /** New participant cards go to the facilitator's inbox. */
  on: z.boolean(),
  /** Cards waiting for approval, by everyone. */
  waiting: z.int(),
  /** Cards rejected on this board so far (for the report; their texts are nobody's but their author's). */
  rejected: z.int(),
  /** Server time of the last change to any held card or the setting (clients that may read texts refetch). */
  changedAt: epochMs,
})
export type ModerationSection = z.infer<typeof ModerationSection>

export const HeldCardStatus = z.enum(['waiting', 'rejected'])
export type HeldCardStatus = z.infer<typeof HeldCardStatus>

export const HeldCardDto = z.object({
  id: z.string(),
  text: z.string(),
  author: z.string(),
  authorId: z.string(),
  status: HeldCardStatus,
  /** The facilitator's reason for a rejection (to the author only); null without one. */
  reason: z.string().nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
})
export type HeldCardDto = z.infer<typeof HeldCardDto>

/** `GET /api/boards/:boardId/held-cards` (the caller's own) and `GET …/moderation/inbox` (facilitator: every waiting card). */
export const HeldCardsResponse = z.object({
  moderation: ModerationSection.nullable(),
  cards: z.array(HeldCardDto),
})
export type HeldCardsResponse = z.infer<typeof HeldCardsResponse>

/** `POST /api/boards/:boardId/held-cards`: 201 with the card now waiting. */
export const HeldCardResponse = z.object({ card: HeldCardDto })
export type HeldCardResponse = z.infer<typeof HeldCardResponse>

/** `POST /api/boards/:boardId/ideas` by a participant of a moderated board: 202 with the held card. */
export const HeldIdeaResponse = z.object({ held: HeldCardDto })
export type HeldIdeaResponse = z.infer<typeof HeldIdeaResponse>

export const ApproveHeldCardResponse = z.object({
  /** The idea card now on the board (`shape:held-<held card id>`). */
  ideaId: z.string(),
})
export type ApproveHeldCardResponse = z.infer<typeof ApproveHeldCardResponse>

/** The answer of a reject or a text change: done. */
export const HeldCardOkResponse = z.object({ ok: z.literal(true) })

/** Error codes of moderation (besides the common ones). */
export const ModerationErrorCode = {
  /** 409: a held card while the board is not moderated. */
  moderationOff: 'moderation_off',
  /** 404: no held card of yours (facilitator: none waiting) with this id. */
  heldCardNotFound: 'held_card_not_found',
  /** 409: the card was approved or rejected already (a second tab, or an edit after the decision). */
  heldCardDecided: 'held_card_decided',
  /** 409: the person holds `HELD_CARDS_PER_PERSON_MAX` held cards already. */
  tooManyHeldCards: 'too_many_held_cards',
} as const
