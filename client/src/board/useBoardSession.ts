import { useEffect, useState } from 'react'
import type { TLStore } from 'tldraw'
import { useSession } from '../state/sessionStore.ts'
import { bindStoreToDoc } from '../sync/bindStoreToDoc.ts'
import { createBoardAssetStore } from '../images/boardAssetStore.ts'
import { createBoardStore } from '../sync/createBoardStore.ts'
import { BoardConnection } from './BoardConnection.ts'

export interface BoardSession {
  connection: BoardConnection
  store: TLStore
}

/**
 * Opens a board for as long as the component lives: connection, cache, and a tldraw store
 * bound to the doc once the doc has the board in it. Returns null until then.
 */
export function useBoardSession(boardId: string, token: string | null, enabled: boolean): BoardSession | null {
  const [session, setSession] = useState<BoardSession | null>(null)

  useEffect(() => {
    if (!token || !enabled) return
    const { setConnection, setBoardState } = useSession.getState()
    let binding: ReturnType<typeof bindStoreToDoc> | null = null
    const assets = createBoardAssetStore(boardId, token)
    const connection = new BoardConnection(
      boardId,
      token,
      {
        onStatus: (status, closeCode) => setConnection(status, closeCode),
        onBoardState: setBoardState,
        onReady: () => {
          const store = createBoardStore(assets)
          binding = bindStoreToDoc(store, connection.doc, { onLeave: () => connection.journal.save() })
          setSession({ connection, store })
        },
      },
      useSession.getState().me?.userId,
    )
    return () => {
      binding?.dispose()
      assets.dispose()
      connection.destroy()
      setBoardState(null)
      setSession(null)
    }
  }, [boardId, token, enabled])

  return session
}
