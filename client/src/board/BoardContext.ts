import { createContext, useContext } from 'react'
import type { Me } from '../api/apiClient.ts'
import type { BoardSession } from './useBoardSession.ts'

export interface BoardContextValue {
  session: BoardSession
  me: Me
  boardId: string
  token: string
}

/** What the panels inside tldraw's UI need; tldraw renders them, so props cannot reach them. */
export const BoardContext = createContext<BoardContextValue | null>(null)

export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext)
  if (!value) throw new Error('useBoardContext outside <BoardContext>')
  return value
}
