import { Limits } from '@pinnwand/shared/limits'
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { createWorkshop } from '../api/apiClient.ts'
import { Languages, type Language } from '../i18n/setupI18n.ts'
import { navigate, paths } from '../router.ts'
import { identityStore } from '../session/identityStore.ts'
import { rememberCreatedWorkshop } from '../session/workshopLinks.ts'
import { ErrorText } from '../ui/ErrorText.tsx'
import { CsvImport } from './CsvImport.tsx'
import { parseTableLimit, type TableDraft } from './parseTablesCsv.ts'
import { newPlenaryDraft, PlenaryFieldset, type PlenaryDraft } from './PlenaryFieldset.tsx'
import { newTableRow, TablesEditor, type TableRow } from './TablesEditor.tsx'

const isBlank = (row: TableRow) => row.title.trim() === '' && row.question.trim() === ''

/** Title, date, language and tables of a new workshop; on success, on to its dashboard. */
export function CreateWorkshopForm() {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [title, setTitle] = useState('')
  const [date, setDate] = useState('')
  const [language, setLanguage] = useState<Language>(i18n.language === 'en' ? 'en' : 'de')
  const [rows, setRows] = useState<TableRow[]>(() => [newTableRow()])
  const [plenary, setPlenary] = useState<PlenaryDraft>(() => newPlenaryDraft(t('plenary.defaultTitle')))
  const [showErrors, setShowErrors] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const titleInput = useRef<HTMLInputElement>(null)

  const onCsvTables = (tables: TableDraft[]) => {
    // Imported rows replace an untouched first row instead of trailing behind it.
    const kept = rows.filter((row) => !isBlank(row))
    // A row made from the plenum template is the plenary, not one more table.
    const plenum = tables.find((table) => table.template === 'plenum')
    if (plenum) {
      setPlenary({ ...plenary, enabled: true, title: plenum.title, question: plenum.question })
    }
    const imported = tables.filter((table) => table.template !== 'plenum').map((table) => newTableRow(table))
    setRows([...kept, ...imported].slice(0, Limits.boardsPerWorkshopMax - (plenum || plenary.enabled ? 1 : 0)))
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const tables = rows.filter((row) => !isBlank(row))
    const invalid =
      title.trim() === '' ||
      tables.length === 0 ||
      tables.some((row) => row.title.trim() === '' || parseTableLimit(row.limit) === 'invalid') ||
      (plenary.enabled && plenary.title.trim() === '')
    if (invalid) {
      setShowErrors(true)
      if (title.trim() === '') titleInput.current?.focus()
      return
    }
    setBusy(true)
    setError(null)
    try {
      const created = await createWorkshop({
        title: title.trim(),
        language,
        ...(date ? { date } : {}),
        boards: [
          ...tables.map((row) => ({
            title: row.title.trim(),
            ...(row.question.trim() ? { question: row.question.trim() } : {}),
            template: row.template,
            ...(typeof parseTableLimit(row.limit) === 'number'
              ? { maxParticipants: parseTableLimit(row.limit) as number }
              : {}),
          })),
          ...(plenary.enabled
            ? [
                {
                  title: plenary.title.trim(),
                  ...(plenary.question.trim() ? { question: plenary.question.trim() } : {}),
                  template: 'plenum',
                  kind: 'plenary' as const,
                  openToParticipants: plenary.openToParticipants,
                },
              ]
            : []),
        ],
      })
      identityStore.saveFacilitatorToken(created.workshop.id, created.facilitatorToken)
      rememberCreatedWorkshop(created)
      navigate(paths.dashboard(created.workshop.id))
    } catch (cause) {
      setError(cause)
      setBusy(false)
    }
  }

  const titleMissing = showErrors && title.trim() === ''
  const noTables = showErrors && rows.every(isBlank)
  const filled = rows.filter((row) => !isBlank(row)).length
  return (
    <form className="pw-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('create.heading')}</h2>
      <p className="pw-hint">{t('create.intro')}</p>
      <div className="pw-field">
        <label htmlFor={`${id}-title`}>{t('create.title')}</label>
        <input
          id={`${id}-title`}
          ref={titleInput}
          className="pw-input"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          maxLength={Limits.titleMax}
          required
          aria-invalid={titleMissing}
          aria-describedby={titleMissing ? `${id}-title-error` : undefined}
        />
        {titleMissing ? (
          <p className="pw-error" id={`${id}-title-error`}>
            {t('create.titleMissing')}
          </p>
        ) : null}
      </div>
      <div className="pw-row">
        <div className="pw-field">
          <label htmlFor={`${id}-date`}>{t('create.date')}</label>
          <input
            id={`${id}-date`}
            className="pw-input"
            type="date"
            value={date}
            onChange={(event) => setDate(event.target.value)}
          />
        </div>
        <div className="pw-field">
          <label htmlFor={`${id}-language`}>{t('create.language')}</label>
          <select
            id={`${id}-language`}
            className="pw-input"
            value={language}
            onChange={(event) => setLanguage(event.target.value as Language)}
            aria-describedby={`${id}-language-hint`}
          >
            {Languages.map((lng) => (
              <option key={lng} value={lng}>
                {t(`language.${lng}`)}
              </option>
            ))}
          </select>
          <p className="pw-hint" id={`${id}-language-hint`}>
            {t('create.languageHint')}
          </p>
        </div>
      </div>
      <h3>{t('create.tablesHeading')}</h3>
      <CsvImport onTables={onCsvTables} />
      <TablesEditor rows={rows} onChange={setRows} showErrors={showErrors} />
      {noTables ? <p className="pw-error">{t('create.noTables')}</p> : null}
      <PlenaryFieldset draft={plenary} onChange={setPlenary} showErrors={showErrors} />
      {showErrors &&
      (titleMissing ||
        (plenary.enabled && plenary.title.trim() === '') ||
        rows.some((row) => !isBlank(row) && (row.title.trim() === '' || parseTableLimit(row.limit) === 'invalid'))) ? (
        <p className="pw-error" role="alert">
          {t('create.fixErrors')}
        </p>
      ) : null}
      <ErrorText error={error} />
      <div className="pw-form__actions">
        <button type="submit" className="pw-button pw-button--primary" disabled={busy}>
          {busy
            ? t('create.submitting')
            : filled === 0
              ? t('create.submitPlain')
              : plenary.enabled
                ? t('plenary.setup.submit', { count: filled })
                : t('create.submit', { count: filled })}
        </button>
      </div>
    </form>
  )
}
