import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Awareness } from 'y-protocols/awareness'
import { presenceList, type PresenceEntry } from '../sync/presenceList.ts'

/** The people on the board, re-read when someone comes or goes (not on every cursor move). */
export function usePresenceList(awareness: Awareness): PresenceEntry[] {
  const { i18n } = useTranslation()
  const language = i18n.language
  const [list, setList] = useState(() => presenceList(awareness.getStates(), awareness.clientID, language))
  useEffect(() => {
    const read = () => presenceList(awareness.getStates(), awareness.clientID, language)
    const key = (entries: PresenceEntry[]) =>
      entries.map((e) => `${e.userId}:${e.name}:${e.color}:${e.isSelf}`).join('|')
    let current = key(read())
    setList(read())
    // 'change' also fires for cursor moves; comparing the list keeps React out of it.
    const onChange = () => {
      const next = read()
      const nextKey = key(next)
      if (nextKey === current) return
      current = nextKey
      setList(next)
    }
    awareness.on('change', onChange)
    return () => awareness.off('change', onChange)
  }, [awareness, language])
  return list
}
