import { BoardExportFormats, exportBoard } from '@pinnwand/shared/exportRoutes'
import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { ErrorText } from '../ui/ErrorText.tsx'
import { useAnnouncer } from '../ideas/announcer.ts'
import { downloadFromApi, saveBlob } from './downloadFile.ts'
import { ExportSettingsForm, type PendingSettings } from './ExportSettingsForm.tsx'
import { saveExportSettings } from './exportSettingsApi.ts'

/** Report formats in the order organisers need them: the record first, data after. */
export const boardExportFormats = BoardExportFormats
export type BoardExportFormat = (typeof boardExportFormats)[number]

/**
 * The facilitator's export panel: the board's report in every format, drawn by the server from
 * the board and its rounds (works the same with no browser open), plus the pixel-exact picture
 * of what this browser shows, from tldraw.
 */
export function ExportPanel() {
  const { t } = useTranslation()
  const editor = useEditor()
  const { boardId, token, me } = useBoardContext()
  const announce = useAnnouncer()
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const pending = useRef<PendingSettings>({})
  const onPending = useCallback((next: PendingSettings) => {
    pending.current = next
  }, [])

  const run = async (key: string, action: () => Promise<string>) => {
    setBusy(key)
    setError(null)
    try {
      const name = await action()
      announce(t('export.done', { name }))
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(null)
    }
  }

  const download = (format: BoardExportFormat) =>
    run(format, async () => {
      // The server builds the file from the stored settings: what was changed here is saved first.
      if (Object.keys(pending.current).length > 0) {
        await saveExportSettings(me.workshopId, pending.current, token)
        pending.current = {}
      }
      return downloadFromApi(
        exportBoard,
        { params: { boardId }, query: { format }, token },
        `board.${format === 'pdfa' ? 'pdf' : format}`,
      )
    })

  const snapshot = () =>
    run('view', async () => {
      const selected = editor.getSelectedShapeIds()
      const ids = selected.length > 0 ? selected : [...editor.getCurrentPageShapeIds()]
      const { blob } = await editor.toImage(ids, { format: 'png', background: true, pixelRatio: 2, padding: 32 })
      const name = selected.length > 0 ? 'selection.png' : 'board-view.png'
      saveBlob(blob, name)
      return name
    })

  return (
    <div className="pw-export" data-testid="export-panel">
      <h2 className="pw-panel-title">{t('export.title')}</h2>
      <p className="pw-muted">{t('export.hint')}</p>
      <ExportSettingsForm workshopId={me.workshopId} token={token} onPending={onPending} />
      <ul className="pw-export__list">
        {boardExportFormats.map((format) => (
          <li key={format}>
            <button
              type="button"
              className="pw-button pw-button--secondary pw-export__button"
              data-testid={`export-${format}`}
              disabled={busy !== null}
              aria-busy={busy === format || undefined}
              onClick={() => void download(format)}
            >
              <span>{t(`export.format.${format}`)}</span>
              <span className="pw-muted">
                {busy === format ? t('export.preparing') : `.${format === 'pdfa' ? 'pdf' : format}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <h3 className="pw-export__subtitle">{t('export.browserImage')}</h3>
      <button
        type="button"
        className="pw-button pw-button--secondary"
        data-testid="export-view"
        disabled={busy !== null}
        onClick={() => void snapshot()}
      >
        {t('export.viewImage')}
      </button>
      <ErrorText error={error} />
    </div>
  )
}
