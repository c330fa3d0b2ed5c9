/** A running private phase as stored (one row per board). */
export interface StoredPrivatePhase {
  boardId: string
  facilitatorSeesTexts: boolean
  /** A reveal has read the cards: they change no more. */
  revealing: boolean
  /** The reveal's choice, kept with the marker so whoever finishes it keeps it. */
  revealAnonymous: boolean
  /** When the reveal (or its last retry or recovery) began: its lease runs from here. */
  revealStartedAt: number | null
  startedAt: number
  changedAt: number
}

/** What a reveal writes: every private card, how, and which phase it ends. */
export interface BegunReveal {
  cards: StoredPrivateCard[]
  anonymous: boolean
  /** The phase's `startedAt`: finishing deletes that phase only, never one started since. */
  phaseStartedAt: number
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
 * Where private cards wait for the reveal (SQLite and PostgreSQL, `privatePhase/kyselyPrivateCards.ts`).
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
  /**
   * Marks the phase as revealing, with the choice and `now` as the start of the lease, and returns
   * every card (again, for a retry); null without a phase. A retry cannot take the names back:
   * once a reveal began anonymously it stays anonymous.
   */
  beginReveal(boardId: string, anonymous: boolean, now: number): Promise<BegunReveal | null>
  /**
   * Takes over a reveal whose lease (`leaseMs` from its start) has run out: renews the lease to
   * `now` and returns the reveal as begun. Null: no reveal is pending, or its lease still runs
   * (the instance that began it, or one that took it over, is at work).
   */
  claimInterruptedReveal(boardId: string, now: number, leaseMs: number): Promise<BegunReveal | null>
  /**
   * Ends the revealing phase that started at `phaseStartedAt`: the phase row and every card of the
   * board go, in one transaction. False (nothing deleted): that phase is gone already.
   */
  finishReveal(boardId: string, phaseStartedAt: number): Promise<boolean>
}
