import { useEffect, useMemo, useState } from 'react'
import { useSession } from '../state/sessionStore.ts'
import {
  BOARD_SHOWN,
  type ProjectorContext,
  type ProjectorShown,
  projectorKey,
  readProjectorSection,
} from './projectorMode.ts'

/**
 * The projector's mode: as the facilitator set it on the board (server-owned state), changed by
 * keys (or the page buttons) on the projector machine until the facilitator sets the next one.
 * `ctx` is what the screen can step through: places and pages of the ranking, walkthrough tables.
 */
export function useProjectorMode(ctx: ProjectorContext): [ProjectorShown, (shown: ProjectorShown) => void] {
  // The raw section (a stable reference) is selected; a parsed copy would be new on every look.
  const raw = useSession((s) => s.boardState?.projector)
  const section = useMemo(() => readProjectorSection(raw), [raw])
  const at = section?.at ?? 0
  const fromServer: ProjectorShown = section
    ? { ...BOARD_SHOWN, mode: section.mode, shownPlaces: section.shownPlaces, step: section.step ?? 0 }
    : BOARD_SHOWN
  const [local, setLocal] = useState<{ at: number; shown: ProjectorShown } | null>(null)
  // A key press counts until the facilitator chooses again (a newer `at`).
  const shown = local && local.at === at ? local.shown : fromServer
  const { places, pages, shownPage, tables } = ctx

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return
      const target = event.target as HTMLElement | null
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return
      const next = projectorKey(event.key, shown, { places, pages, shownPage, tables })
      if (!next) return
      // Before tldraw's own shortcuts (space pans the canvas).
      event.preventDefault()
      event.stopPropagation()
      setLocal({ at, shown: next })
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [shown, places, pages, shownPage, tables, at])

  return [shown, (next: ProjectorShown) => setLocal({ at, shown: next })]
}
