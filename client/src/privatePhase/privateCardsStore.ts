import type { PrivateCardDto } from '@pinnwand/shared/privatePhase'
import { create } from 'zustand'
import { newRequestId } from '../api/requestId.ts'
import { addPrivateCard, deletePrivateCard, fetchPrivateCards, updatePrivateCard } from './privatePhaseApi.ts'
import {
  editPending,
  flushOutbox,
  isRetryable,
  type OutboxCard,
  outboxKey,
  readOutbox,
  removePending,
  safeLocalStorage,
  type UndeliveredCard,
  writeOutbox,
} from './privateOutbox.ts'

/**
 * The private cards this device may read (its person's own; a facilitator's who chose so, all).
 * They are not board content — the board document never holds them until the reveal — but the
 * server's answer for this person, so they live here and are refetched, never derived.
 *
 * Beside them, this device's outbox: cards its person wrote while the server could not be reached
 * (`pending`, sent in order once it can), and cards the server refused when they were finally sent
 * (`undelivered`: the phase had ended; their text is kept for the person to re-use).
 */
interface PrivateCardsState {
  cards: PrivateCardDto[]
  loadedFor: string | null
  pending: OutboxCard[]
  undelivered: UndeliveredCard[]
  /** The localStorage key of the open outbox (board and person), or null. */
  outbox: string | null
  load(boardId: string, token: string): Promise<void>
  /** Reads the outbox this device keeps for this board and person. */
  openOutbox(boardId: string, userId: string): void
  /**
   * Writes a new private card: sent at once when `online`, else (or when sending fails for want of
   * a connection) kept in the outbox. A refusal by the server is thrown, as before. `requestId`:
   * one the card already has (a caught card's, see catchHeldBackCards.ts); else a new one.
   */
  write(boardId: string, text: string, token: string, online: boolean, requestId?: string): Promise<'sent' | 'queued'>
  /** Sends the outbox, oldest first; a second call while one runs waits for it. */
  flush(boardId: string, token: string): Promise<void>
  /**
   * Changes the text of a card still waiting in the outbox (same request id). Sent meanwhile, the
   * card on the server is corrected once its answer is in.
   */
  editPending(requestId: string, text: string): void
  /** Deletes a card still waiting in the outbox; sent meanwhile, it is deleted on the server. */
  removePending(requestId: string): void
  /** Forgets an undelivered card (the person re-used or discarded its text). */
  dismiss(requestId: string): void
  /** Text handed to the "add idea" field (`seq` counts the hand-overs). */
  draft: { text: string; seq: number } | null
  /** Puts an undelivered card's text into the "add idea" field and forgets the card. */
  reuse(requestId: string): void
  update(boardId: string, cardId: string, text: string, token: string): Promise<void>
  remove(boardId: string, cardId: string, token: string): Promise<void>
  /** Forgets the server's cards (the phase ended); the outbox stays. */
  clear(): void
}

let flushing: Promise<void> | null = null

/**
 * Counts this device's changes to `cards`. A read that crossed one (a card written while the list
 * was on its way) would put the list back as it was before, so it is read again.
 */
let localChanges = 0
/** Reads of a list that keeps crossing local changes before the last one is taken as it is. */
const LOAD_ATTEMPTS = 3

export const usePrivateCards = create<PrivateCardsState>((set, get) => {
  const saveOutbox = (pending: OutboxCard[], undelivered: UndeliveredCard[]) => {
    set({ pending, undelivered })
    const key = get().outbox
    if (key) writeOutbox(safeLocalStorage(), key, { pending, undelivered })
  }
  const received = (card: PrivateCardDto) => {
    localChanges++
    set({ cards: [...get().cards.filter((c) => c.id !== card.id), card] })
  }
  /**
   * A card from the outbox reached the server as `stored`; `latest` is its outbox entry as it is
   * now (undefined: deleted meanwhile). The server's card is made to match; when that fails (no
   * connection again) it is shown as the server has it, to change or delete like any other.
   * (`stored.text`, not the text sent: a resend with a known request id answers the first card.)
   */
  const settleSent = async (boardId: string, token: string, stored: PrivateCardDto, latest?: OutboxCard) => {
    try {
      if (!latest) {
        await deletePrivateCard(boardId, stored.id, token)
        localChanges++
        return
      }
      if (latest.text !== stored.text) {
        await updatePrivateCard(boardId, stored.id, latest.text, token)
        return received({ ...stored, text: latest.text })
      }
    } catch {
      // Fall through: the card as the server holds it.
    }
    received(stored)
  }
  return {
    cards: [],
    loadedFor: null,
    pending: [],
    undelivered: [],
    outbox: null,
    draft: null,
    async load(boardId, token) {
      for (let attempt = 1; ; attempt++) {
        const before = localChanges
        const { cards } = await fetchPrivateCards(boardId, token)
        if (before !== localChanges && attempt < LOAD_ATTEMPTS) continue
        set({ cards, loadedFor: boardId })
        return
      }
    },
    openOutbox(boardId, userId) {
      const key = outboxKey(boardId, userId)
      if (get().outbox === key) return
      set({ outbox: key, ...readOutbox(safeLocalStorage(), key) })
    },
    async write(boardId, text, token, online, requestId = newRequestId()) {
      const card: OutboxCard = { requestId, text, writtenAt: Date.now() }
      if (online && get().pending.length === 0) {
        try {
          received(await addPrivateCard(boardId, text, token, card.requestId))
          return 'sent'
        } catch (error) {
          if (!isRetryable(error)) throw error
        }
      }
      saveOutbox([...get().pending, card], get().undelivered)
      return 'queued'
    },
    flush(boardId, token) {
      if (flushing) return flushing
      if (get().pending.length === 0) return Promise.resolve()
      const run = (async () => {
        let sent = false
        try {
          // Cards written during a flush are sent by the next round.
          while (get().pending.length > 0) {
            const done = await flushOutbox(
              () => get().pending,
              (card) => addPrivateCard(boardId, card.text, token, card.requestId),
              {
                sent: async (card, stored) => {
                  sent = true
                  // The person may have changed or deleted the card while it was on its way.
                  const latest = get().pending.find((c) => c.requestId === card.requestId)
                  saveOutbox(removePending(get().pending, card.requestId), get().undelivered)
                  await settleSent(boardId, token, stored, latest)
                },
                refused: (card) =>
                  saveOutbox(
                    get().pending.filter((c) => c.requestId !== card.requestId),
                    [...get().undelivered, card],
                  ),
              },
            )
            if (!done) break
          }
        } finally {
          flushing = null
        }
        // A list read when the connection came back may have crossed the sends: read it again.
        if (sent)
          await get()
            .load(boardId, token)
            .catch(() => undefined)
      })()
      flushing = run
      return run
    },
    editPending(requestId, text) {
      saveOutbox(editPending(get().pending, requestId, text), get().undelivered)
    },
    removePending(requestId) {
      saveOutbox(removePending(get().pending, requestId), get().undelivered)
    },
    dismiss(requestId) {
      saveOutbox(
        get().pending,
        get().undelivered.filter((c) => c.requestId !== requestId),
      )
    },
    reuse(requestId) {
      const card = get().undelivered.find((c) => c.requestId === requestId)
      if (!card) return
      set({ draft: { text: card.text, seq: (get().draft?.seq ?? 0) + 1 } })
      get().dismiss(requestId)
    },
    async update(boardId, cardId, text, token) {
      await updatePrivateCard(boardId, cardId, text, token)
      localChanges++
      set({ cards: get().cards.map((c) => (c.id === cardId ? { ...c, text } : c)) })
    },
    async remove(boardId, cardId, token) {
      await deletePrivateCard(boardId, cardId, token)
      localChanges++
      set({ cards: get().cards.filter((c) => c.id !== cardId) })
    },
    clear: () => set({ cards: [], loadedFor: null }),
  }
})
