import type { HeldCardDto } from '@pinnwand/shared/moderation'
import { create } from 'zustand'
import { ApiError } from '../api/apiClient.ts'
import {
  addHeldCard,
  approveHeldCard,
  deleteHeldCard,
  fetchHeldCards,
  fetchInbox,
  rejectHeldCard,
  updateHeldCard,
} from './moderationApi.ts'

/** What the facilitator decided on this person's cards since the last read (for the announcement). */
export function decisionsSince(before: readonly HeldCardDto[], after: readonly HeldCardDto[]) {
  const now = new Map(after.map((card) => [card.id, card]))
  let approved = 0
  let rejected = 0
  for (const card of before) {
    if (card.status !== 'waiting') continue
    const later = now.get(card.id)
    if (!later) approved++
    else if (later.status === 'rejected') rejected++
  }
  return { approved, rejected }
}

/**
 * Held cards this device may read: a participant's own (waiting, and rejected with the reason),
 * the facilitator's inbox (every waiting card). Never board content — the board document holds
 * none of them — but the server's answer for this person, refetched, never derived.
 */
interface HeldCardsState {
  own: HeldCardDto[]
  /** The latest read's decisions on this person's cards; `seq` tells a new one from the last. */
  decided: { approved: number; rejected: number; seq: number } | null
  inbox: HeldCardDto[]
  loadOwn(boardId: string, token: string): Promise<void>
  loadInbox(boardId: string, token: string): Promise<void>
  add(boardId: string, text: string, token: string): Promise<void>
  update(boardId: string, cardId: string, text: string, token: string): Promise<void>
  remove(boardId: string, cardId: string, token: string): Promise<void>
  approve(boardId: string, cardId: string, text: string | undefined, token: string): Promise<void>
  reject(boardId: string, cardId: string, reason: string, token: string): Promise<void>
  clear(): void
}

export const useHeldCards = create<HeldCardsState>((set, get) => {
  /** A decision made here, or already in another tab (404/409): either way the card has left the inbox. */
  const leaveInbox = async (cardId: string, decide: () => Promise<unknown>) => {
    try {
      await decide()
    } catch (cause) {
      if (!(cause instanceof ApiError && (cause.status === 404 || cause.status === 409))) throw cause
      set({ inbox: get().inbox.filter((c) => c.id !== cardId) })
      throw cause
    }
    set({ inbox: get().inbox.filter((c) => c.id !== cardId) })
  }
  return {
    own: [],
    decided: null,
    inbox: [],
    async loadOwn(boardId, token) {
      const { cards } = await fetchHeldCards(boardId, token)
      // A card withdrawn here left `own` at once, so a waiting card missing now was approved.
      const { approved, rejected } = decisionsSince(get().own, cards)
      const seq = (get().decided?.seq ?? 0) + 1
      set({ own: cards, ...(approved + rejected > 0 ? { decided: { approved, rejected, seq } } : {}) })
    },
    async loadInbox(boardId, token) {
      const { cards } = await fetchInbox(boardId, token)
      set({ inbox: cards })
    },
    async add(boardId, text, token) {
      const card = await addHeldCard(boardId, text, token)
      set({ own: [...get().own.filter((c) => c.id !== card.id), card] })
    },
    async update(boardId, cardId, text, token) {
      await updateHeldCard(boardId, cardId, text, token)
      set({ own: get().own.map((c) => (c.id === cardId ? { ...c, text } : c)) })
    },
    async remove(boardId, cardId, token) {
      await deleteHeldCard(boardId, cardId, token)
      set({ own: get().own.filter((c) => c.id !== cardId) })
    },
    async approve(boardId, cardId, text, token) {
      await leaveInbox(cardId, () => approveHeldCard(boardId, cardId, text, token))
    },
    async reject(boardId, cardId, reason, token) {
      await leaveInbox(cardId, () => rejectHeldCard(boardId, cardId, reason, token))
    },
    clear: () => set({ own: [], inbox: [], decided: null }),
  }
})
