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

/**
 * What the facilitator decided on this person's cards since the last read (for the announcement).
 * A waiting card that left the list was approved — or withdrawn on another of this person's
 * devices: `approvedIds` are only candidates, announced once their card is on the board.
 */
export function decisionsSince(before: readonly HeldCardDto[], after: readonly HeldCardDto[]) {
  const now = new Map(after.map((card) => [card.id, card]))
  const approvedIds: string[] = []
  let rejected = 0
  for (const card of before) {
    if (card.status !== 'waiting') continue
    const later = now.get(card.id)
    if (!later) approvedIds.push(card.id)
    else if (later.status === 'rejected') rejected++
  }
  return { approvedIds, rejected }
}

/**
 * Held cards this device may read: a participant's own (waiting, and rejected with the reason),
 * the facilitator's inbox (every waiting card). Never board content — the board document holds
 * none of them — but the server's answer for this person, refetched, never derived.
 */
interface HeldCardsState {
  own: HeldCardDto[]
  /** The latest read's decisions on this person's cards; `seq` tells a new one from the last. */
  decided: { approvedIds: string[]; rejected: number; seq: number } | null
  inbox: HeldCardDto[]
  loadOwn(boardId: string, token: string): Promise<void>
  loadInbox(boardId: string, token: string): Promise<void>
  /** `requestId`: a caught card's (catchHeldBackCards.ts), so the server's copy of it is this card. */
  add(boardId: string, text: string, token: string, requestId?: string): Promise<void>
  update(boardId: string, cardId: string, text: string, token: string): Promise<void>
  remove(boardId: string, cardId: string, token: string): Promise<void>
  approve(boardId: string, cardId: string, text: string | undefined, token: string): Promise<void>
  reject(boardId: string, cardId: string, reason: string, token: string): Promise<void>
  clear(): void
}

/**
 * Counts this device's changes to `own`. A read that crossed one (a card sent while the list was
 * on its way) would put the list back as it was before, so it is read again.
 */
let localChanges = 0
/** Reads of a list that keeps crossing local changes before the last one is taken as it is. */
const LOAD_ATTEMPTS = 3

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
      let cards: HeldCardDto[] = []
      for (let attempt = 1; attempt <= LOAD_ATTEMPTS; attempt++) {
        const before = localChanges
        cards = (await fetchHeldCards(boardId, token)).cards
        if (before === localChanges) break
      }
      // A card withdrawn here left `own` at once; one missing now was approved or withdrawn elsewhere.
      const { approvedIds, rejected } = decisionsSince(get().own, cards)
      const seq = (get().decided?.seq ?? 0) + 1
      const any = approvedIds.length + rejected > 0
      set({ own: cards, ...(any ? { decided: { approvedIds, rejected, seq } } : {}) })
    },
    async loadInbox(boardId, token) {
      const { cards } = await fetchInbox(boardId, token)
      set({ inbox: cards })
    },
    async add(boardId, text, token, requestId) {
      const card = await addHeldCard(boardId, text, token, requestId)
      localChanges++
      set({ own: [...get().own.filter((c) => c.id !== card.id), card] })
    },
    async update(boardId, cardId, text, token) {
      await updateHeldCard(boardId, cardId, text, token)
      localChanges++
      set({ own: get().own.map((c) => (c.id === cardId ? { ...c, text } : c)) })
    },
    async remove(boardId, cardId, token) {
      await deleteHeldCard(boardId, cardId, token)
      localChanges++
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
