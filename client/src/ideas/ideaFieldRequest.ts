import { create } from 'zustand'

/**
 * Requests to the "add idea" field from elsewhere on the board: take this text (a held-back card
 * that could not be sent keeps its words there), or just take the focus (the card tool's "i"
 * while new cards go through the field). `seq` tells a new request from the last one.
 */
interface IdeaFieldRequestState {
  request: { seq: number; text: string | null } | null
  /** Puts `text` into the field (after what is typed there already) and focuses it; null: only focus. */
  ask(text: string | null): void
}

export const useIdeaFieldRequest = create<IdeaFieldRequestState>((set, get) => ({
  request: null,
  ask: (text) => set({ request: { seq: (get().request?.seq ?? 0) + 1, text } }),
}))

/** The field's text after a request: the request's text follows what the person typed already. */
export function withRequestedText(current: string, requested: string | null): string {
  if (requested === null || requested === '') return current
  return current.trim() === '' ? requested : `${current.replace(/\s+$/, '')}\n${requested}`
}
