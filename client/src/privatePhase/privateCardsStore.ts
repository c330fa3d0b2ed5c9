import type { PrivateCardDto } from '@pinnwand/shared/privatePhase'
import { create } from 'zustand'
import { addPrivateCard, deletePrivateCard, fetchPrivateCards, updatePrivateCard } from './privatePhaseApi.ts'

/**
 * The private cards this device may read (its person's own; a facilitator's who chose so, all).
 * They are not board content — the board document never holds them until the reveal — but the
 * server's answer for this person, so they live here and are refetched, never derived.
 */
interface PrivateCardsState {
  cards: PrivateCardDto[]
  loadedFor: string | null
  load(boardId: string, token: string): Promise<void>
  add(boardId: string, text: string, token: string): Promise<void>
  update(boardId: string, cardId: string, text: string, token: string): Promise<void>
  remove(boardId: string, cardId: string, token: string): Promise<void>
  clear(): void
}

export const usePrivateCards = create<PrivateCardsState>((set, get) => ({
  cards: [],
  loadedFor: null,
  async load(boardId, token) {
    const { cards } = await fetchPrivateCards(boardId, token)
    set({ cards, loadedFor: boardId })
  },
  async add(boardId, text, token) {
    const card = await addPrivateCard(boardId, text, token)
    set({ cards: [...get().cards.filter((c) => c.id !== card.id), card] })
  },
  async update(boardId, cardId, text, token) {
    await updatePrivateCard(boardId, cardId, text, token)
    set({ cards: get().cards.map((c) => (c.id === cardId ? { ...c, text } : c)) })
  },
  async remove(boardId, cardId, token) {
    await deletePrivateCard(boardId, cardId, token)
    set({ cards: get().cards.filter((c) => c.id !== cardId) })
  },
  clear: () => set({ cards: [], loadedFor: null }),
}))
