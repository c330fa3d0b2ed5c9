import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorText } from '../ui/ErrorText.tsx'
import { fetchPreviewUrl } from './historyApi.ts'

/** The version drawn by the server (SVG), fetched with the token and shown as an image. */
export function VersionPreview({
  boardId,
  versionId,
  token,
  title,
}: {
  boardId: string
  versionId: string
  token: string
  title: string
}) {
  const { t } = useTranslation()
  const [url, setUrl] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    let current: string | null = null
    let cancelled = false
    fetchPreviewUrl(boardId, versionId, token).then(
      (objectUrl) => {
        if (cancelled) URL.revokeObjectURL(objectUrl)
        else setUrl((current = objectUrl))
      },
      (cause: unknown) => !cancelled && setError(cause),
    )
    return () => {
      cancelled = true
      if (current) URL.revokeObjectURL(current)
    }
  }, [boardId, versionId, token])

  if (error) return <ErrorText error={error} />
  if (!url)
    return (
      <p className="pw-muted" role="status">
        {t('history.previewLoading')}
      </p>
    )
  return (
    <img
      className="pw-history__preview"
      src={url}
      alt={t('history.previewAlt', { title })}
      data-testid="history-preview"
    />
  )
}
