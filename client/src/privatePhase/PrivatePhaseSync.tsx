import { useEffect, useRef } from 'react'
import { useEditor } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { showEverything } from '../board/showEverything.ts'
import { usePrivatePhaseSync } from './usePrivatePhase.ts'

/**
 * Mounted once per board: keeps this device's private cards loaded while Stilles Sammeln runs,
 * and frames the board when the phase ends — the revealed cards land in the collecting area,
 * which is often outside the view someone was writing in.
 */
export function PrivatePhaseSync() {
  const editor = useEditor()
  const { me } = useBoardContext()
  const running = usePrivatePhaseSync() !== null
  const wasRunning = useRef(running)
  useEffect(() => {
    const ended = wasRunning.current && !running
    wasRunning.current = running
    // The projector frames its own camera (projector mode rules).
    if (!ended || me.role === 'projector') return
    // The reveal's cards arrive just before the message that ends the phase; one frame later they are laid out.
    const frame = requestAnimationFrame(() => showEverything(editor, { animate: true }))
    return () => cancelAnimationFrame(frame)
  }, [running, editor, me.role])
  return null
}
