import type { StoredPrivateCard } from '../privatePhase/PrivateCardStore.ts'

/** A board's moderation setting as stored (a row exists once it was switched on). */
export interface StoredModeration {
  boardId: string
  enabled: boolean
  /** Cards rejected on this board so far. */
  rejected: number
  changedAt: number
}

/**
 * A card held for the facilitator: a private card (same fields, same placement when it reaches
 * the board) with a status. 'approved' lives only between the approval's database transition
 * and the end of its board write.
 */
export interface StoredHeldCard extends StoredPrivateCard {
  status: 'waiting' | 'approved' | 'rejected'
  reason: string | null
}

/** What a write to a held card came to; everything but 'ok' changed nothing. */
export type HeldCardWrite = 'ok' | 'moderation_off' | 'not_found' | 'decided' | 'too_many'

export type HeldCardApproval = { result: 'ok'; card: StoredHeldCard } | { result: 'not_found' | 'decided' }

/**
 * Where held cards wait for the facilitator (SQLite and PostgreSQL, `moderation/kyselyHeldCards.ts`).
 * Every decision is one conditional update (`status = 'waiting'`), so of two facilitator tabs
 * approving the same card at once exactly one wins.
 */
export interface HeldCardStore {
  getModeration(boardId: string): Promise<StoredModeration | null>
  setModeration(boardId: string, enabled: boolean, now: number): Promise<StoredModeration>
  /** Which of these boards are moderated now (one query, for the dashboard). */
  moderatedBoards(boardIds: readonly string[]): Promise<Set<string>>
  /** Only while moderation is on. */
  addCard(card: StoredHeldCard, maxPerAuthor: number): Promise<HeldCardWrite>
  /** The author changes their waiting card ('decided' once approved or rejected). */
  updateCard(boardId: string, cardId: string, authorId: string, text: string, now: number): Promise<HeldCardWrite>
  /** The author withdraws a waiting card or dismisses a rejected one (the rejection stays counted). */
  deleteCard(boardId: string, cardId: string, authorId: string, now: number): Promise<HeldCardWrite>
  /** Oldest first: one author's waiting and rejected cards, or (no author) every waiting card. */
  listCards(boardId: string, authorId?: string): Promise<StoredHeldCard[]>
  countWaiting(boardId: string): Promise<number>
  /** waiting → approved (with the facilitator's text, if given), atomically. */
  approve(boardId: string, cardId: string, text: string | undefined, now: number): Promise<HeldCardApproval>
  /** waiting → rejected, atomically; counts the rejection. */
  reject(boardId: string, cardId: string, reason: string | null, now: number): Promise<HeldCardWrite>
  /** Approved cards whose board write may not have finished (a killed server). */
  listApproved(boardId: string): Promise<StoredHeldCard[]>
  /** The approved card is on the board: its row goes. */
  finishApproval(boardId: string, cardId: string): Promise<void>
}
