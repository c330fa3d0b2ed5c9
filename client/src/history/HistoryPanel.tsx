import type { BoardVersionDto, VersionListResponse } from '@pinnwand/shared/historyApi'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoardContext } from '../board/BoardContext.ts'
import { usePolling } from '../dashboard/usePolling.ts'
import { useAnnouncer } from '../ideas/announcer.ts'
import { useSession } from '../state/sessionStore.ts'
import { ErrorText } from '../ui/ErrorText.tsx'
import { fetchVersions, restoreVersion, saveVersion } from './historyApi.ts'
import { SaveStateForm } from './SaveStateForm.tsx'
import { versionTitle } from './versionLabel.ts'
import { VersionItem } from './VersionItem.tsx'
import './history.css'

/** Versions others cause (a mass delete, a phase change in another tab) show up within this time. */
const REFRESH_MS = 15_000

interface Restored {
  title: string
  /** The version holding the board from just before the restore: restoring it undoes the restore. */
  undo: BoardVersionDto | null
}

/**
 * The facilitator's board history: versions taken at phase changes, when rounds open, before
 * mass deletes and restores, and on request. A restore changes the live board for everyone and
 * keeps the board from just before as a version, so it can be undone the same way.
 */
export function HistoryPanel() {
  const { t } = useTranslation()
  const { boardId, token } = useBoardContext()
  const announce = useAnnouncer()
  const phase = useSession((s) => s.boardState?.phase)
  const roundId = useSession((s) => (s.boardState?.round as { id?: string } | null | undefined)?.id)
  const load = useCallback(() => fetchVersions(boardId, token), [boardId, token])
  const polled = usePolling<VersionListResponse>(load, REFRESH_MS)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [previewId, setPreviewId] = useState<string | null>(null)
  const [confirmId, setConfirmId] = useState<string | null>(null)
  const [restored, setRestored] = useState<Restored | null>(null)
  const doneRef = useRef<HTMLDivElement>(null)
  const versions = polled.data?.versions ?? null

  // Phase changes and new rounds take versions on the server: show them at once.
  const { refresh } = polled
  useEffect(() => refresh(), [phase, roundId, refresh])
  useEffect(() => {
    if (restored) doneRef.current?.focus()
  }, [restored])

  const run = async <T,>(action: () => Promise<T>): Promise<T | null> => {
    setBusy(true)
    setError(null)
    try {
      return await action()
    } catch (cause) {
      setError(cause)
      return null
    } finally {
      setBusy(false)
      polled.refresh()
    }
  }

  const save = async (name: string) => {
    const saved = await run(() => saveVersion(boardId, name, token))
    if (saved) announce(t('history.saved', { name: saved.version.name }))
    return saved !== null
  }

  const restore = async (version: BoardVersionDto) => {
    const title = versionTitle(version, t)
    const result = await run(() => restoreVersion(boardId, version.id, token))
    setConfirmId(null)
    if (!result) return
    const list = await fetchVersions(boardId, token).catch(() => null)
    const undo = list?.versions.find((v) => v.id === result.beforeVersionId) ?? null
    setRestored({ title, undo })
    announce(result.changes === 0 ? t('history.restoredNothing', { title }) : t('history.restored', { title }))
  }

  return (
    <div className="pw-history" data-testid="history-panel">
      <h2 className="pw-panel-title">{t('history.title')}</h2>
      <p className="pw-muted pw-history__hint">{t('history.hint')}</p>
      {polled.data?.automaticFailure ? (
        <p className="pw-history__failure" role="alert" data-testid="history-automatic-failure">
          {t('history.automaticFailed', {
            time: new Date(polled.data.automaticFailure.at).toLocaleTimeString(undefined, { timeStyle: 'short' }),
          })}
        </p>
      ) : null}
      <SaveStateForm busy={busy} onSave={save} />
      {restored ? (
        <div className="pw-history__done" ref={doneRef} tabIndex={-1} data-testid="history-restored">
          <p>{t('history.restoredBanner', { title: restored.title })}</p>
          {restored.undo ? (
            <button
              type="button"
              className="pw-button pw-button--secondary"
              disabled={busy}
              data-testid="history-undo-restore"
              onClick={() => restored.undo && void restore(restored.undo)}
            >
              {t('history.undoRestore')}
            </button>
          ) : null}
        </div>
      ) : null}
      <ErrorText error={error ?? polled.error} />
      <div className="pw-history__list-head">
        <h3 className="pw-history__subtitle">{t('history.versions')}</h3>
        <button type="button" className="pw-button pw-button--quiet" onClick={polled.refresh}>
          {t('history.refresh')}
        </button>
      </div>
      {versions === null ? (
        <p className="pw-muted" role="status">
          {t('history.loading')}
        </p>
      ) : versions.length === 0 ? (
        <p className="pw-muted">{t('history.empty')}</p>
      ) : (
        <ol className="pw-history__list" aria-label={t('history.versions')}>
          {versions.map((version) => (
            <VersionItem
              key={version.id}
              version={version}
              boardId={boardId}
              token={token}
              busy={busy}
              previewOpen={previewId === version.id}
              confirming={confirmId === version.id}
              onTogglePreview={() => setPreviewId(previewId === version.id ? null : version.id)}
              onAskRestore={() => setConfirmId(version.id)}
              onCancelRestore={() => setConfirmId(null)}
              onRestore={() => void restore(version)}
            />
          ))}
        </ol>
      )}
      {polled.data ? (
        <p className="pw-muted pw-history__retention">{t('history.retention', { count: polled.data.keepAutomatic })}</p>
      ) : null}
    </div>
  )
}
