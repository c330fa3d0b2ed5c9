import type { RoundStateSection } from '@pinnwand/shared/votingApi'
import { useRef } from 'react'
import { useSession } from '../state/sessionStore.ts'
import { readRoundSection } from './readRoundSection.ts'

/**
 * The board's current voting round (the open one, or the latest), as the server publishes it on
 * the board-state channel: settings, status and progress — never the distribution. Keeps its
 * identity while nothing changed, so components don't re-render on unrelated state messages.
 */
export function useRound(): RoundStateSection | null {
  const last = useRef<{ key: string; round: RoundStateSection | null }>({ key: 'null', round: null })
  return useSession((state) => {
    const round = readRoundSection(state.boardState?.round)
    const key = JSON.stringify(round)
    if (key !== last.current.key) last.current = { key, round }
    return last.current.round
  })
}
