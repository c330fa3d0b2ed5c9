import { useTranslation } from 'react-i18next'
import { ConnectionStatus, useSession } from '../state/sessionStore.ts'

const LABEL_KEYS = {
  [ConnectionStatus.connected]: 'connection.connected',
  [ConnectionStatus.connecting]: 'connection.connecting',
  [ConnectionStatus.offline]: 'connection.offline',
  [ConnectionStatus.closed]: 'connection.closed',
} as const

/** Always visible, so nobody types into a board that silently stopped syncing. */
export function ConnectionStatusBadge() {
  const { t } = useTranslation()
  const status = useSession((state) => state.connection)
  // Connected, but the server cannot store anything right now (its database is down).
  const storage = useSession((state) => state.boardState?.storage)
  const notSaved = status === ConnectionStatus.connected && storage === 'unavailable'
  const hint =
    status === ConnectionStatus.offline ? 'connection.offlineHint' : notSaved ? 'connection.notSavedHint' : null
  return (
    <div
      className="pw-connection-status"
      data-testid="connection-status"
      data-status={status}
      data-storage={notSaved ? 'unavailable' : 'ok'}
      role="status"
      aria-live="polite"
      title={hint ? t(hint) : undefined}
    >
      <span className="pw-connection-status__dot" aria-hidden="true" />
      <span className="pw-connection-status__label">{t(notSaved ? 'connection.notSaved' : LABEL_KEYS[status])}</span>
    </div>
  )
}
