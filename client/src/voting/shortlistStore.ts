import type { ShortlistEntryDto } from '@pinnwand/shared/votingApi'
import { create } from 'zustand'
import { votingApi } from './votingHttp.ts'

interface ShortlistState {
  boardId: string | null
  entries: ShortlistEntryDto[] | null
  set(boardId: string, entries: ShortlistEntryDto[]): void
}

/** The board's shortlist as the server last said (server-owned; this only mirrors it). */
export const useShortlist = create<ShortlistState>()((set) => ({
  boardId: null,
  entries: null,
  set: (boardId, entries) => set({ boardId, entries }),
}))

export async function refreshShortlist(boardId: string, token: string): Promise<void> {
  const { shortlist } = await votingApi.shortlist(boardId, token)
  useShortlist.getState().set(boardId, shortlist)
}

/** Runs a shortlist change and takes the server's answer as the new shortlist. */
export async function changeShortlist(boardId: string, change: () => Promise<{ shortlist: ShortlistEntryDto[] }>) {
  const { shortlist } = await change()
  useShortlist.getState().set(boardId, shortlist)
}
