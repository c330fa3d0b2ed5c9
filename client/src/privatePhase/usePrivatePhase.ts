import type { PrivatePhaseSection } from '@pinnwand/shared/privatePhase'
import { useEffect } from 'react'
import { useBoardContext } from '../board/BoardContext.ts'
import { useSession } from '../state/sessionStore.ts'
import { useOwnCardsRefresh } from '../ideas/heldBack/useOwnCardsRefresh.ts'
import { useReadAgainAfterStart } from '../ideas/heldBack/useReadAgainAfterStart.ts'
import { usePrivateCards } from './privateCardsStore.ts'
import { rememberedPhase, rememberPhase, safeLocalStorage } from './privateOutbox.ts'

/** The running private phase (board-state section `privatePhase`), or null. */
export function usePrivatePhaseSection(): PrivatePhaseSection | null {
  return useSession((s) => (s.boardState?.privatePhase as PrivatePhaseSection | null | undefined) ?? null)
}

/**
 * Whether this person's new cards are private: the phase runs, or — the board state not known
 * yet, as after a reload without a connection — it ran when this device last heard.
 */
export function useWritesPrivately(): boolean {
  const { boardId, me } = useBoardContext()
  const phase = usePrivatePhaseSection()
  const known = useSession((s) => s.boardState !== null)
  if (me.role !== 'participant') return false
  return phase !== null || (!known && rememberedPhase(safeLocalStorage(), boardId))
}

/**
 * Keeps this device's private cards loaded while the phase runs. A participant fetches when the
 * phase starts and after reconnecting (their own writes update the list directly), and after a
 * change when another of their devices may have made it (useOwnCardsRefresh) — not on every card
 * anyone writes, which would be 300 requests per card in a plenary. A facilitator who reads the
 * texts refetches whenever a card changed.
 */
export function usePrivatePhaseSync(): PrivatePhaseSection | null {
  const { boardId, token, me } = useBoardContext()
  const phase = usePrivatePhaseSection()
  const connected = useSession((s) => s.connection === 'connected')
  const running = phase !== null
  const known = useSession((s) => s.boardState !== null)
  useEffect(() => {
    if (known) rememberPhase(safeLocalStorage(), boardId, running)
  }, [known, running, boardId])
  const readsAll = me.role === 'facilitator' && phase?.facilitatorSeesTexts === true
  const changedAt = readsAll ? phase.changedAt : null
  useEffect(() => {
    if (!running) {
      usePrivateCards.getState().clear()
      return
    }
    if (!connected || (me.role !== 'participant' && !readsAll)) return
    // A failed read leaves the last list; the next change or reconnect reads again.
    usePrivateCards
      .getState()
      .load(boardId, token)
      .catch(() => undefined)
  }, [running, connected, readsAll, changedAt, boardId, token, me.role])
  // A card sent as a shared card just before this device heard of the start (kept by the server).
  useReadAgainAfterStart(running && connected && me.role === 'participant', () =>
    usePrivateCards.getState().load(boardId, token),
  )
  // A participant's own cards written on another of their devices.
  useOwnCardsRefresh(running, phase?.changedAt ?? null, () => usePrivateCards.getState().load(boardId, token))
  usePrivateOutbox(connected)
  return phase
}

/**
 * A participant's outbox of private cards written offline: read when the board opens (also
 * after a reload without a connection) and sent, in order, whenever the connection is back —
 * whether or not the phase still runs, since only the server knows that for sure.
 */
function usePrivateOutbox(connected: boolean): void {
  const { boardId, token, me } = useBoardContext()
  const participant = me.role === 'participant'
  const waiting = usePrivateCards((s) => s.pending.length > 0)
  useEffect(() => {
    if (participant) usePrivateCards.getState().openOutbox(boardId, me.userId)
  }, [participant, boardId, me.userId])
  useEffect(() => {
    if (!participant || !connected || !waiting) return
    // What could not be sent stays for the next reconnect.
    void usePrivateCards.getState().flush(boardId, token)
  }, [participant, connected, waiting, boardId, token])
}
