import {
  type ExportPicture,
  ExportPictures,
  type ExportSettingsDto,
  LOGO_BYTES_MAX,
  LogoTypes,
  type UpdateExportSettingsBody,
} from '@pinnwand/shared/exportSettings'
import { Limits } from '@pinnwand/shared/limits'
import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorText } from '../ui/ErrorText.tsx'
import { browserTimeZone, fetchExportSettings, readAsDataUrl, saveExportSettings } from './exportSettingsApi.ts'
import './exportSettings.css'

/** Pending changes the next export saves first (the server builds every file from stored settings). */
export type PendingSettings = UpdateExportSettingsBody

/**
 * The report's settings, chosen right where the organiser exports: names shown or not, the
 * board picture, Ort, Datum, Protokollführung, logo and time zone. Remembered for the workshop;
 * a workshop without a stored time zone takes this browser's.
 */
export function ExportSettingsForm({
  workshopId,
  token,
  onPending,
}: {
  workshopId: string
  token: string
  /** Called with what differs from the stored settings, so the export saves it first. */
  onPending: (pending: PendingSettings) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [stored, setStored] = useState<ExportSettingsDto | null>(null)
  const [draft, setDraft] = useState<PendingSettings>({})
  const [error, setError] = useState<unknown>(null)
  const [logoProblem, setLogoProblem] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    fetchExportSettings(workshopId, token).then(
      (settings) => {
        if (!live) return
        setStored(settings)
        // No zone stored yet: this organiser's browser knows where the workshop is.
        const initial = settings.timeZone ? {} : { timeZone: browserTimeZone() }
        setDraft(initial)
        onPending(initial)
      },
      (cause: unknown) => live && setError(cause),
    )
    return () => {
      live = false
    }
  }, [workshopId, token, onPending])

  const zones = useMemo(() => {
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
    const current = draft.timeZone ?? stored?.timeZone ?? browserTimeZone()
    return all.includes(current) ? all : [current, ...all]
  }, [draft.timeZone, stored?.timeZone])

  if (!stored) return error ? <ErrorText error={error} /> : null
  const value = { ...stored, ...draft }
  const change = (update: PendingSettings) => {
    const next = { ...draft, ...update }
    setDraft(next)
    onPending(next)
  }

  const chooseLogo = async (file: File | undefined) => {
    setLogoProblem(null)
    if (!file) return
    if (!(LogoTypes as readonly string[]).includes(file.type)) return setLogoProblem(t('export.settings.logoType'))
    if (file.size > LOGO_BYTES_MAX) {
      return setLogoProblem(t('export.settings.logoSize', { size: Math.round(LOGO_BYTES_MAX / 1024) }))
    }
    try {
      // Saved at once: the server checks the logo (and draws an SVG) so a problem shows here.
      const saved = await saveExportSettings(workshopId, { ...draft, logo: await readAsDataUrl(file) }, token)
      setStored(saved)
      setDraft({})
      onPending({})
    } catch (cause) {
      setError(cause)
    }
  }
  const removeLogo = async () => {
    try {
      setStored(await saveExportSettings(workshopId, { logo: null }, token))
    } catch (cause) {
      setError(cause)
    }
  }

  return (
    <details className="pw-export-settings" data-testid="export-settings">
      <summary>{t('export.settings.title')}</summary>
      <p className="pw-muted">{t('export.settings.hint')}</p>
      <label className="pw-checkbox">
        <input
          type="checkbox"
          checked={value.showAuthors}
          data-testid="export-show-authors"
          onChange={(event) => change({ showAuthors: event.target.checked })}
        />
        {t('export.settings.showAuthors')}
      </label>
      <div className="pw-field">
        <label htmlFor={`${id}-picture`}>{t('export.settings.picture')}</label>
        <select
          id={`${id}-picture`}
          className="pw-input"
          data-testid="export-picture"
          value={value.picture}
          onChange={(event) => change({ picture: event.target.value as ExportPicture })}
        >
          {ExportPictures.map((picture) => (
            <option key={picture} value={picture}>
              {t(`export.settings.pictureOption.${picture}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="pw-field">
        <label htmlFor={`${id}-place`}>{t('export.settings.place')}</label>
        <input
          id={`${id}-place`}
          className="pw-input"
          data-testid="export-place"
          maxLength={Limits.titleMax}
          value={value.place}
          onChange={(event) => change({ place: event.target.value })}
        />
      </div>
      <div className="pw-field">
        <label htmlFor={`${id}-date`}>{t('export.settings.date')}</label>
        <input
          id={`${id}-date`}
          type="date"
          className="pw-input"
          data-testid="export-date"
          value={value.date ?? ''}
          onChange={(event) => change({ date: event.target.value || null })}
        />
      </div>
      <div className="pw-field">
        <label htmlFor={`${id}-recorder`}>{t('export.settings.recorder')}</label>
        <input
          id={`${id}-recorder`}
          className="pw-input"
          data-testid="export-recorder"
          maxLength={Limits.displayNameMax}
          value={value.recorder}
          onChange={(event) => change({ recorder: event.target.value })}
        />
      </div>
      <div className="pw-field">
        <label htmlFor={`${id}-zone`}>{t('export.settings.timeZone')}</label>
        <select
          id={`${id}-zone`}
          className="pw-input"
          data-testid="export-time-zone"
          value={value.timeZone ?? browserTimeZone()}
          onChange={(event) => change({ timeZone: event.target.value })}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </div>
      <div className="pw-field">
        <label htmlFor={`${id}-logo`}>{t('export.settings.logo')}</label>
        {value.logo ? (
          <div className="pw-export-settings__logo">
            <img src={value.logo} alt={t('export.settings.logoPreview')} />
            <button type="button" className="pw-button pw-button--secondary" onClick={() => void removeLogo()}>
              {t('export.settings.logoRemove')}
            </button>
          </div>
        ) : null}
        <input
          id={`${id}-logo`}
          type="file"
          className="pw-input"
          data-testid="export-logo"
          accept={LogoTypes.join(',')}
          aria-describedby={`${id}-logo-hint`}
          onChange={(event) => void chooseLogo(event.target.files?.[0])}
        />
        <p className="pw-hint" id={`${id}-logo-hint`}>
          {t('export.settings.logoHint', { size: Math.round(LOGO_BYTES_MAX / 1024) })}
        </p>
        {logoProblem ? (
          <p className="pw-error" role="alert">
            {logoProblem}
          </p>
        ) : null}
      </div>
      <ErrorText error={error} />
    </details>
  )
}
