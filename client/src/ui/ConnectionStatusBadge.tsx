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
  return (
    <div
      className="pw-connection-status"
      data-testid="connection-status"
      data-status={status}
      role="status"
      aria-live="polite"
      title={status === ConnectionStatus.offline ? t('connection.offlineHint') : undefined}
    >
      <span className="pw-connection-status__dot" aria-hidden="true" />
      <span className="pw-connection-status__label">{t(LABEL_KEYS[status])}</span>
    </div>
  )
}
