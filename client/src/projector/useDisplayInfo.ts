import type { BoardDisplayInfo } from '@pinnwand/shared/facilitationApi'
import { useEffect, useState } from 'react'
import { fetchBoardDisplay } from '../facilitation/facilitationApi.ts'

const DISPLAY_RETRY_MS = 5000

/** Loaded once per page: the first paint and the full view after it show the same title at once. */
const loaded = new Map<string, BoardDisplayInfo>()

/** Title, question and join code of the board; retried until the server answers. */
export function useDisplayInfo(boardId: string, token: string): BoardDisplayInfo | null {
  const key = `${boardId} ${token}`
  const [info, setInfo] = useState<BoardDisplayInfo | null>(() => loaded.get(key) ?? null)
  useEffect(() => {
    if (loaded.has(key)) {
      setInfo(loaded.get(key)!)
      return
    }
    let cancelled = false
    let retry: ReturnType<typeof setTimeout> | null = null
    const load = () =>
      fetchBoardDisplay(boardId, token).then(
        (answer) => {
          loaded.set(key, answer)
          if (!cancelled) setInfo(answer)
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
  return info
}
