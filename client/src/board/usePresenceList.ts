import { useMemo, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type { Awareness } from 'y-protocols/awareness'
import { presenceList, type PresenceEntry } from '../sync/presenceList.ts'

/** The people on the board, re-read when someone comes or goes (not on every cursor move). */
export function usePresenceList(awareness: Awareness): PresenceEntry[] {
  const { i18n } = useTranslation()
  const store = useMemo(() => presenceStore(awareness, i18n.language), [awareness, i18n.language])
  return useSyncExternalStore(store.subscribe, store.read)
}

/**
 * Awareness as an external store for React. 'change' also fires for cursor moves: the list
 * keeps its identity while the people in it stay the same, so React does not re-render then.
 */
function presenceStore(awareness: Awareness, language: string) {
  let cached: { key: string; list: PresenceEntry[] } | null = null
  return {
    subscribe(onChange: () => void) {
      awareness.on('change', onChange)
      return () => awareness.off('change', onChange)
    },
    read(): PresenceEntry[] {
      const list = presenceList(awareness.getStates(), awareness.clientID, language)
      const key = list.map((e) => `${e.userId}:${e.name}:${e.color}:${e.role}:${e.isSelf}`).join('|')
      if (cached?.key !== key) cached = { key, list }
      return cached.list
    },
  }
}
