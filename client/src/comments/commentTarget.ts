import { create } from 'zustand'
import { useSession } from '../state/sessionStore.ts'

/** Id of the comments panel in the side drawer (registeredBoardPanels.ts). */
export const COMMENTS_PANEL_ID = 'comments'

interface CommentTargetState {
  /** The idea card whose thread the comments panel shows (UI state, not board content). */
  ideaId: string | null
  setIdeaId(ideaId: string | null): void
}

export const useCommentTarget = create<CommentTargetState>()((set) => ({
  ideaId: null,
  setIdeaId: (ideaId) => set({ ideaId }),
}))

/**
 * Opens the comments panel on one card's thread: for a tapped badge, and for other features
 * (e.g. the idea list) that want to offer "comments" for an idea.
 */
export function openCommentThread(ideaId: string): void {
  useCommentTarget.getState().setIdeaId(ideaId)
  useSession.getState().setOpenPanel(COMMENTS_PANEL_ID)
}
