import type { PrivateCardDto } from '@pinnwand/shared/privatePhase'
import { ApiError } from '../api/apiClient.ts'

/** A private card written while the server could not be reached, waiting to be sent. */
export interface OutboxCard {
  /** Sent as `clientRequestId`: a resend after a lost answer makes no second card. */
  requestId: string
  text: string
  writtenAt: number
}

/** A card the server refused when it was finally sent; its text is kept for the person to re-use. */
export interface UndeliveredCard extends OutboxCard {
  /** 'ended': the phase was over (revealed) by then; otherwise the server's error code. */
  reason: string
}

export interface SavedOutbox {
  pending: OutboxCard[]
  undelivered: UndeliveredCard[]
}

type OutboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const EMPTY: SavedOutbox = { pending: [], undelivered: [] }

/**
 * Where a device keeps one person's unsent private cards for one board: localStorage, so they
 * survive a reload and a closed tab alike. They never go into the board document, which every
 * browser receives; they stay on this device until the server holds them.
 */
export function outboxKey(boardId: string, userId: string): string {
  return `pinnwand:private-outbox:${boardId}:${userId}`
}

export function readOutbox(storage: OutboxStorage | null, key: string): SavedOutbox {
  try {
    const raw = storage?.getItem(key)
    if (!raw) return EMPTY
    const parsed = JSON.parse(raw) as Partial<SavedOutbox>
    return {
      pending: Array.isArray(parsed.pending) ? parsed.pending.filter(isCard) : [],
      undelivered: Array.isArray(parsed.undelivered)
        ? parsed.undelivered.filter((c): c is UndeliveredCard => isCard(c) && typeof c.reason === 'string')
        : [],
    }
  } catch {
    // Unreadable (another version, storage blocked): nothing to send.
    return EMPTY
  }
}

/** Saves the outbox; an empty one leaves no key behind. False: storage refused (full, blocked). */
export function writeOutbox(storage: OutboxStorage | null, key: string, saved: SavedOutbox): boolean {
  if (!storage) return false
  try {
    if (saved.pending.length === 0 && saved.undelivered.length === 0) storage.removeItem(key)
    else storage.setItem(key, JSON.stringify(saved))
    return true
  } catch {
    return false
  }
}

function isCard(value: unknown): value is OutboxCard {
  const card = value as OutboxCard | null
  return (
    typeof card === 'object' &&
    card !== null &&
    typeof card.requestId === 'string' &&
    typeof card.text === 'string' &&
    typeof card.writtenAt === 'number'
  )
}

/** An error after which the same request may succeed later: no answer, or a server/proxy hiccup. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status >= 500 || error.status === 429
}

/**
 * A waiting card with new text: the same entry (its `requestId`, so a send already under way and
 * this one still make one card), only the text replaced. Other cards are untouched.
 */
export function editPending(pending: readonly OutboxCard[], requestId: string, text: string): OutboxCard[] {
  return pending.map((card) => (card.requestId === requestId ? { ...card, text } : card))
}

/** The outbox without one waiting card (its person deleted it before it was sent). */
export function removePending(pending: readonly OutboxCard[], requestId: string): OutboxCard[] {
  return pending.filter((card) => card.requestId !== requestId)
}

export interface FlushCallbacks {
  /** Awaited before the next card goes (it may still have to correct the card just sent). */
  sent(card: OutboxCard, stored: PrivateCardDto): void | Promise<void>
  refused(card: UndeliveredCard): void
}

/**
 * Sends waiting cards one after another, oldest first, so they reach the server in the order they
 * were written. Stops at the first card that could not be sent (it stays, with all after it, for
 * the next attempt); a card the server refuses — the phase ended, the person's limit is reached —
 * is handed to `refused` and the next one goes. Answers whether everything was sent or refused.
 *
 * `pending` may be a function: it is then read again before each card, so a card its person
 * changed meanwhile goes with its new text, and one they deleted does not go at all.
 */
export async function flushOutbox(
  pending: readonly OutboxCard[] | (() => readonly OutboxCard[]),
  send: (card: OutboxCard) => Promise<PrivateCardDto>,
  callbacks: FlushCallbacks,
): Promise<boolean> {
  const current = typeof pending === 'function' ? pending : () => pending
  const tried = new Set<string>()
  for (;;) {
    const card = current().find((c) => !tried.has(c.requestId))
    if (!card) return true
    tried.add(card.requestId)
    let stored: PrivateCardDto
    try {
      stored = await send(card)
    } catch (error) {
      if (isRetryable(error)) return false
      const code = (error as ApiError).code
      callbacks.refused({ ...card, reason: code === 'no_private_phase' ? 'ended' : code })
      continue
    }
    await callbacks.sent(card, stored)
  }
}

/**
 * Whether Stilles Sammeln ran on a board when this device last heard: after a reload without a
 * connection the board state is not known yet, and a card written then must stay private.
 */
export function rememberPhase(storage: OutboxStorage | null, boardId: string, running: boolean): void {
  try {
    if (running) storage?.setItem(`pinnwand:private-phase:${boardId}`, '1')
    else storage?.removeItem(`pinnwand:private-phase:${boardId}`)
  } catch {
    // Blocked storage: after an offline reload the field is public until the board state arrives.
  }
}

export function rememberedPhase(storage: OutboxStorage | null, boardId: string): boolean {
  try {
    return storage?.getItem(`pinnwand:private-phase:${boardId}`) === '1'
  } catch {
    return false
  }
}

export function safeLocalStorage(): OutboxStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}
