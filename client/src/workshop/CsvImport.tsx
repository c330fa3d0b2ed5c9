import { useId, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { parseTablesCsv, type ParsedTables, type TableDraft } from './parseTablesCsv.ts'

/** Upload a CSV of tables (title;question;template); the rows land in the editor for review. */
export function CsvImport({ onTables }: { onTables: (tables: TableDraft[]) => void }) {
  const { t } = useTranslation()
  const inputId = useId()
  const [result, setResult] = useState<ParsedTables | null>(null)
  const [unreadable, setUnreadable] = useState(false)

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    // Reset, so choosing the same file again after fixing it triggers a change.
    event.target.value = ''
    if (!file) return
    try {
      const parsed = parseTablesCsv(await file.text())
      setUnreadable(false)
      setResult(parsed)
      if (parsed.tables.length > 0) onTables(parsed.tables)
    } catch {
      setUnreadable(true)
      setResult(null)
    }
  }

  return (
    <div className="pw-csv">
      <label htmlFor={inputId} className="pw-csv__label">
        {t('create.csvLabel')}
      </label>
      <input
        id={inputId}
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={(event) => void onFile(event)}
        aria-describedby={`${inputId}-hint`}
      />
      <p className="pw-hint" id={`${inputId}-hint`}>
        {t('create.csvHint')}
      </p>
      <div role="status" aria-live="polite">
        {unreadable ? <p className="pw-error">{t('create.csvUnreadable')}</p> : null}
        {result ? (
          <>
            <p>{t('create.csvImported', { count: result.tables.length })}</p>
            {result.problems.length > 0 ? (
              <ul className="pw-error">
                {result.problems.map((problem) => (
                  <li key={`${problem.line}-${problem.kind}`}>
                    {t(`create.csvProblem.${problem.kind}`, { line: problem.line, value: problem.value ?? '' })}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  )
}
