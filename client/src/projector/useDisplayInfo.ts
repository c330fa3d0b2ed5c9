import type { BoardDisplayInfo } from '@pinnwand/shared/facilitationApi'
import { useEffect, useState } from 'react'
import { fetchBoardDisplay } from '../facilitation/facilitationApi.ts'

const DISPLAY_RETRY_MS = 5000

/** Loaded once per page: the first paint and the full view after it show the same title at once. */
const loaded = new Map<string, BoardDisplayInfo>()

/** Title, question and join code of the board; retried until the server answers. */
export function useDisplayInfo(boardId: string, token: string): BoardDisplayInfo | null {
  const key = `${boardId} ${token}`
  const [answer, setAnswer] = useState<{ key: string; info: BoardDisplayInfo } | null>(null)
  useEffect(() => {
    if (loaded.has(key)) return
    let cancelled = false
    let retry: ReturnType<typeof setTimeout> | null = null
    const load = () =>
      fetchBoardDisplay(boardId, token).then(
        (info) => {
          loaded.set(key, info)
          if (!cancelled) setAnswer({ key, info })
        },
        () => {
          if (!cancelled) retry = setTimeout(load, DISPLAY_RETRY_MS)
        },
      )
    void load()
    return () => {
      cancelled = true
      if (retry) clearTimeout(retry)
    }
  }, [boardId, token, key])
  return loaded.get(key) ?? (answer?.key === key ? answer.info : null)
}
