import { CloseCode } from '@pinnwand/shared/closeCodes'
import { lazy, Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, fetchConfig, fetchMe } from '../api/apiClient.ts'
import { BoardCanvas } from '../board/BoardCanvas.tsx'
import { closeCodeMessageKey } from '../board/BoardConnection.ts'
import { useBoardSession } from '../board/useBoardSession.ts'
import { TableFullScreen } from '../join/TableFullScreen.tsx'
import { resolveBoardToken, stripTokenFromAddress } from '../session/boardToken.ts'
import { ConnectionStatus, useSession } from '../state/sessionStore.ts'
import { ConnectionStatusBadge } from '../ui/ConnectionStatusBadge.tsx'
import { MessageScreen } from '../ui/MessageScreen.tsx'

const NETWORK_RETRY_MS = 10_000

// The projector's title, question and join code while its board loads (not in a participant's download).
const ProjectorFirstPaint = lazy(() =>
  import('../projector/ProjectorView.tsx').then((m) => ({ default: m.ProjectorFirstPaint })),
)

/** Opens /b/:boardId: who am I, runtime config, then the live canvas. */
export function BoardPage({ boardId }: { boardId: string }) {
  const { t } = useTranslation()
  const [token] = useState(() => resolveBoardToken(boardId))
  const { config, me, error, connection, closeCode } = useSession()
  const [loaded, setLoaded] = useState(false)

  // Remembered for this tab by resolveBoardToken; the address bar may be on a projector.
  useEffect(stripTokenFromAddress, [])

  useEffect(() => {
    const { setConfig, setMe, setError } = useSession.getState()
    if (!token) {
      setError('error.noToken')
      return
    }
    let cancelled = false
    Promise.all([fetchConfig(), fetchMe(token)])
      .then(([config, me]) => {
        if (cancelled) return
        setConfig(config)
        setMe(me)
        if (!me.boardIds.includes(boardId)) setError('error.notAllowed')
        setLoaded(true)
      })
      .catch((cause: unknown) => {
        if (cancelled) return
        if (cause instanceof ApiError && cause.code === 'workshop_deleted') setError('error.workshopDeleted')
        // 5xx: a proxy or a server in the middle of a restart — worth retrying, not a refusal.
        else if (cause instanceof ApiError && cause.status < 500)
          setError(cause.status === 401 ? 'error.invalidToken' : 'error.notAllowed')
        else setError('error.network')
      })
    return () => {
      cancelled = true
    }
  }, [boardId, token])

  // A server that is down or restarting when the page opens: try again by itself (a projector has no one to press reload).
  useEffect(() => {
    if (error !== 'error.network') return
    const retry = setTimeout(() => location.reload(), NETWORK_RETRY_MS)
    return () => clearTimeout(retry)
  }, [error])

  const needsLicense = location.protocol === 'https:' && config !== null && !config.tldrawLicenseKey
  const session = useBoardSession(boardId, token, loaded && !error && !needsLicense)

  if (error)
    return (
      <MessageScreen testId="board-error" showReload={error === 'error.network'}>
        {t(error)}
      </MessageScreen>
    )
  if (connection === ConnectionStatus.closed && closeCode === CloseCode.tableFull && me && token) {
    return <TableFullScreen boardId={boardId} workshopId={me.workshopId} token={token} />
  }
  if (connection === ConnectionStatus.closed) {
    return (
      <MessageScreen testId="board-error" showReload={closeCode === CloseCode.schemaMismatch}>
        {t(closeCodeMessageKey(closeCode))}
      </MessageScreen>
    )
  }
  if (needsLicense) {
    return (
      <MessageScreen testId="license-notice" title={t('license.title')}>
        {t('license.body')}
      </MessageScreen>
    )
  }
  if (!session || !me || !config) {
    if (me?.role === 'projector' && token) {
      return (
        <Suspense fallback={null}>
          <ProjectorFirstPaint boardId={boardId} token={token} />
        </Suspense>
      )
    }
    return (
      <>
        <MessageScreen testId="board-loading">{t('board.loading')}</MessageScreen>
        <div className="pw-floating-status">
          <ConnectionStatusBadge />
        </div>
      </>
    )
  }
  return (
    <BoardCanvas session={session} me={me} licenseKey={config.tldrawLicenseKey} boardId={boardId} token={token ?? ''} />
  )
}
