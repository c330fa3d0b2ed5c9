import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchMe, type Me } from '../api/apiClient.ts'
import { navigate, paths } from '../router.ts'
import { rememberBoardToken, stripTokenFromAddress } from '../session/boardToken.ts'
import { AppHeader } from '../ui/AppHeader.tsx'
import { ErrorText } from '../ui/ErrorText.tsx'

/**
 * `/w/:workshopId/projector?token=…`: the workshop-wide read-only link from creation. The token
 * opens every table; the big screen picks one (the facilitator dashboard makes per-table links).
 */
export function ProjectorEntryPage() {
  const { t } = useTranslation()
  const [token] = useState(() => new URL(location.href).searchParams.get('token'))
  const [me, setMe] = useState<Me | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    stripTokenFromAddress()
    if (!token) return
    fetchMe(token).then((found) => {
      for (const boardId of found.boardIds) rememberBoardToken(boardId, token)
      if (found.boardIds.length === 1 && found.boardIds[0]) navigate(paths.board(found.boardIds[0]), { replace: true })
      else setMe(found)
    }, setError)
  }, [token])

  return (
    <>
      <AppHeader>{t('role.projector')}</AppHeader>
      <main className="pw-page">
        <div className="pw-card">
          <h1>{t('projector.heading')}</h1>
          {!token ? <p role="alert">{t('error.noToken')}</p> : null}
          <ErrorText error={error} />
          {me ? (
            <ul className="pw-link-list">
              {me.boardIds.map((boardId, index) => (
                <li key={boardId}>
                  <button type="button" className="pw-button pw-button--secondary" onClick={() => navigate(paths.board(boardId))}>
                    {t('projector.table', { number: index + 1 })}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </main>
    </>
  )
}
