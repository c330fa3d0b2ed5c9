import { create } from 'zustand'

interface AnnouncerState {
  /** The latest message for screen readers; `seq` makes a repeated message count as new. */
  message: { text: string; seq: number } | null
  announce(text: string): void
}

/** One polite live region for the board (new ideas, posted, restored …), fed from anywhere. */
export const useAnnouncerStore = create<AnnouncerState>()((set) => ({
  message: null,
  announce: (text) => set((state) => ({ message: { text, seq: (state.message?.seq ?? 0) + 1 } })),
}))

export const useAnnouncer = () => useAnnouncerStore((state) => state.announce)
