/** A running private phase as stored (one row per board). */
export interface StoredPrivatePhase {
  boardId: string
  facilitatorSeesTexts: boolean
  /** A reveal has read the cards: they change no more. */
  revealing: boolean
  startedAt: number
  changedAt: number
}

export interface StoredPrivateCard {
  id: string
  boardId: string
  authorId: string
  authorName: string
  text: string
  createdAt: number
  updatedAt: number
}

/** What a write to a private card came to; everything but 'ok' changed nothing. */
export type PrivateCardWrite = 'ok' | 'no_phase' | 'not_found' | 'too_many'

/**
 * Where private cards wait for the reveal (SQLite and PostgreSQL, `store/kyselyPrivateCards.ts`).
 * Every card write checks, in its own transaction, that the phase runs and no reveal has begun,
 * so nothing written after the reveal read the cards can be lost by it.
 */
export interface PrivateCardStore {
  getPhase(boardId: string): Promise<StoredPrivatePhase | null>
  /** Starts the phase, or changes only `facilitatorSeesTexts` of a running one. */
  startPhase(boardId: string, facilitatorSeesTexts: boolean, now: number): Promise<StoredPrivatePhase>
  addCard(card: StoredPrivateCard, maxPerAuthor: number): Promise<PrivateCardWrite>
  /** `authorId` null: anyone's (not used by routes; participants pass their own id). */
  updateCard(boardId: string, cardId: string, authorId: string, text: string, now: number): Promise<PrivateCardWrite>
  deleteCard(boardId: string, cardId: string, authorId: string, now: number): Promise<PrivateCardWrite>
  /** The board's private cards, oldest first; only `authorId`'s when given. */
  listCards(boardId: string, authorId?: string): Promise<StoredPrivateCard[]>
  countCards(boardId: string): Promise<number>
  /** Marks the phase as revealing and returns every card (again, for a retry); null without a phase. */
  beginReveal(boardId: string): Promise<StoredPrivateCard[] | null>
  /** Ends the phase: the phase row and every card of the board go, in one transaction. */
  finishReveal(boardId: string): Promise<void>
}
