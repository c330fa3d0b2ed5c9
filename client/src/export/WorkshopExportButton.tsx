import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorText } from '../ui/ErrorText.tsx'
import { exportWorkshop } from '@pinnwand/shared/exportRoutes'
import { downloadFromApi } from './downloadFile.ts'

// Its own module, without tldraw: the dashboard must not pull the canvas into its bundle.

/** The whole workshop as one ZIP (a folder per table, every format, summary report first). */
export function WorkshopExportButton({ workshopId, token }: { workshopId: string; token: string }) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const download = async () => {
    setBusy(true)
    setError(null)
    try {
      await downloadFromApi(exportWorkshop, { params: { workshopId }, query: { format: 'zip' }, token }, 'workshop.zip')
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="pw-export-workshop">
      <button
        type="button"
        className="pw-button"
        data-testid="export-workshop-zip"
        disabled={busy}
        aria-busy={busy || undefined}
        onClick={() => void download()}
      >
        {busy ? t('export.preparing') : t('export.workshopZip')}
      </button>
      <ErrorText error={error} />
    </div>
  )
}
