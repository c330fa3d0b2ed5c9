import type { ClientConfig } from '@pinnwand/shared/api'
import type { BoardStateMessage } from '@pinnwand/shared/boardState'
import { create } from 'zustand'
import type { Me } from '../api/apiClient.ts'

export const ConnectionStatus = {
  connecting: 'connecting',
  connected: 'connected',
  offline: 'offline',
  /** The server closed the socket for good (4400–4499); see `closeCode`. */
  closed: 'closed',
} as const
export type ConnectionStatus = (typeof ConnectionStatus)[keyof typeof ConnectionStatus]

/**
 * Session and UI state only. Board content never lives here: it is in the Y.Doc and the
 * tldraw store, and UI derives from those.
 */
export interface SessionState {
  config: ClientConfig | null
  me: Me | null
  connection: ConnectionStatus
  closeCode: number | null
  /** i18n key of an error to show instead of the board. */
  error: string | null
  /** Lock and phase of the open board, as the server last sent them (null until it did). */
  boardState: BoardStateMessage | null
  /** Id of the open side-drawer panel (idea list, comments, voting …), or null when closed. */
  openPanel: string | null
  setConfig(config: ClientConfig): void
  setMe(me: Me | null): void
  setConnection(status: ConnectionStatus, closeCode?: number | null): void
  setError(errorKey: string | null): void
  setBoardState(state: BoardStateMessage | null): void
  setOpenPanel(panelId: string | null): void
}

export const useSession = create<SessionState>()((set) => ({
  config: null,
  me: null,
  connection: ConnectionStatus.connecting,
  closeCode: null,
  error: null,
  boardState: null,
  openPanel: null,
  setConfig: (config) => set({ config }),
  setMe: (me) => set({ me }),
  setConnection: (connection, closeCode = null) => set({ connection, closeCode }),
  setError: (error) => set({ error }),
  setBoardState: (boardState) => set({ boardState }),
  setOpenPanel: (openPanel) => set({ openPanel }),
}))
