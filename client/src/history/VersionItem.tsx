import type { BoardVersionDto } from '@pinnwand/shared/historyApi'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { displayPersonName } from '../session/personName.ts'
import { formatVersionTime, versionTitle } from './versionLabel.ts'
import { VersionPreview } from './VersionPreview.tsx'

interface VersionItemProps {
  version: BoardVersionDto
  boardId: string
  token: string
  busy: boolean
  previewOpen: boolean
  confirming: boolean
  onTogglePreview(): void
  onAskRestore(): void
  onCancelRestore(): void
  onRestore(): void
}

/** One version: what and when, a preview on demand, and restore with a confirmation step. */
export function VersionItem(props: VersionItemProps) {
  const { version, boardId, token, busy, previewOpen, confirming } = props
  const { t, i18n } = useTranslation()
  const title = versionTitle(version, t)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const restoreRef = useRef<HTMLButtonElement>(null)
  const wasConfirming = useRef(false)

  // The confirmation takes the focus; going back returns it to the restore button.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus()
    else if (wasConfirming.current) restoreRef.current?.focus()
    wasConfirming.current = confirming
  }, [confirming])

  const details = [
    t(`history.reasonLabel.${version.reason}`),
    version.createdBy ? t('history.by', { name: displayPersonName(t, version.createdBy) }) : null,
    version.ideaCount !== null ? t('history.ideas', { count: version.ideaCount }) : null,
  ].filter(Boolean)

  return (
    <li
      className="pw-history__item"
      data-testid="history-version"
      data-version-id={version.id}
      data-reason={version.reason}
    >
      <div className="pw-history__head">
        <time className="pw-history__time" dateTime={new Date(version.createdAt).toISOString()}>
          {formatVersionTime(version.createdAt, i18n.language)}
        </time>
        <span className="pw-history__title" data-testid="history-version-title">
          {title}
        </span>
      </div>
      <p className="pw-history__details pw-muted">{details.join(' · ')}</p>
      {confirming ? (
        <div className="pw-history__confirm" role="group" aria-label={t('history.confirmLabel', { title })}>
          <p>{t('history.confirmText')}</p>
          <div className="pw-history__actions">
            <button
              type="button"
              className="pw-button"
              disabled={busy}
              onClick={props.onRestore}
              data-testid="history-confirm-restore"
            >
              {t('history.confirmRestore')}
            </button>
            <button
              type="button"
              ref={cancelRef}
              className="pw-button pw-button--secondary"
              onClick={props.onCancelRestore}
            >
              {t('history.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="pw-history__actions">
          <button
            type="button"
            className="pw-button pw-button--secondary"
            aria-expanded={previewOpen}
            onClick={props.onTogglePreview}
            data-testid="history-preview-toggle"
          >
            {previewOpen ? t('history.hidePreview') : t('history.preview')}
            <span className="pw-visually-hidden">: {title}</span>
          </button>
          <button
            type="button"
            ref={restoreRef}
            className="pw-button pw-button--secondary"
            disabled={busy}
            onClick={props.onAskRestore}
            data-testid="history-restore"
          >
            {t('history.restore')}
            <span className="pw-visually-hidden">: {title}</span>
          </button>
        </div>
      )}
      {previewOpen ? <VersionPreview boardId={boardId} versionId={version.id} token={token} title={title} /> : null}
    </li>
  )
}
