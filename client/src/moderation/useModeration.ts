import type { ModerationSection } from '@pinnwand/shared/moderation'
import { useEffect } from 'react'
import { useBoardContext } from '../board/BoardContext.ts'
import { useSession } from '../state/sessionStore.ts'
import { useOwnCardsRefresh } from '../ideas/heldBack/useOwnCardsRefresh.ts'
import { useReadAgainAfterStart } from '../ideas/heldBack/useReadAgainAfterStart.ts'
import { useHeldCards } from './heldCardsStore.ts'

/** The board's moderation (board-state section `moderation`), or null if it was never on. */
export function useModerationSection(): ModerationSection | null {
  return useSession((s) => (s.boardState?.moderation as ModerationSection | null | undefined) ?? null)
}

/** Whether this person's new cards go to the moderation inbox (a participant on a moderated board). */
export function useIsModerated(): boolean {
  const { me } = useBoardContext()
  const section = useModerationSection()
  return me.role === 'participant' && section?.on === true
}

/**
 * Keeps this device's held cards loaded. The facilitator refetches the inbox whenever a held
 * card changed. A participant fetches on joining and reconnecting, on a change while one of their
 * own cards waits (to learn the decision), and after a change when another of their devices may
 * have made it (useOwnCardsRefresh) — not on every card anyone writes, which would be 300 requests
 * per card in a plenary.
 */
export function useModerationSync(): void {
  const { boardId, token, me } = useBoardContext()
  const section = useModerationSection()
  const connected = useSession((s) => s.connection === 'connected')
  const waitingOwn = useHeldCards((s) => s.own.some((card) => card.status === 'waiting'))
  const exists = section !== null
  const changedAt = me.role === 'facilitator' || waitingOwn ? (section?.changedAt ?? null) : null
  useEffect(() => {
    if (!exists) {
      useHeldCards.getState().clear()
      return
    }
    if (!connected || me.role === 'projector') return
    const cards = useHeldCards.getState()
    // A failed read leaves the last list; the next change or reconnect reads again.
    const load = me.role === 'facilitator' ? cards.loadInbox(boardId, token) : cards.loadOwn(boardId, token)
    load.catch(() => undefined)
  }, [exists, connected, changedAt, boardId, token, me.role])
  // A card sent as a shared card just before this device heard that moderation is on (kept by the server).
  useReadAgainAfterStart(section?.on === true && connected && me.role === 'participant', () =>
    useHeldCards.getState().loadOwn(boardId, token),
  )
  // A participant's cards sent or withdrawn on another of their devices (while one waits, every change reads already).
  useOwnCardsRefresh(exists && !waitingOwn, section?.changedAt ?? null, () =>
    useHeldCards.getState().loadOwn(boardId, token),
  )
}
