import './workshopAdmin.css'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Limits } from '@pinnwand/shared/limits'
import { parseTableLimit, type TableDraft } from './parseTablesCsv.ts'
import { DEFAULT_TEMPLATE, TableTemplates } from './templates.ts'

export interface TableRow extends TableDraft {
  /** Stable React key: rows are added and removed in the middle. */
  key: number
  /** The participant limit as typed (empty: none); checked on submit. */
  limit: string
}

let nextKey = 1
export function newTableRow(draft: Partial<TableDraft> = {}): TableRow {
  const { maxParticipants, ...rest } = draft
  return {
    key: nextKey++,
    title: '',
    question: '',
    template: DEFAULT_TEMPLATE,
    limit: maxParticipants ? String(maxParticipants) : '',
    ...rest,
  }
}

/** The tables of a new workshop, one fieldset each: title, guiding question, template. */
export function TablesEditor({
  rows,
  onChange,
  showErrors,
}: {
  rows: TableRow[]
  onChange: (rows: TableRow[]) => void
  showErrors: boolean
}) {
  const { t } = useTranslation()
  const focusKey = useRef<number | null>(null)
  const titleInputs = useRef(new Map<number, HTMLInputElement>())
  const addButton = useRef<HTMLButtonElement>(null)

  // After adding a row the keyboard continues in it; after removing one, on the add button.
  useEffect(() => {
    if (focusKey.current === null) return
    const input = titleInputs.current.get(focusKey.current)
    focusKey.current = null
    ;(input ?? addButton.current)?.focus()
  })

  const update = (key: number, patch: Partial<TableRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)))
  const add = () => {
    const row = newTableRow()
    focusKey.current = row.key
    onChange([...rows, row])
  }
  const remove = (key: number) => {
    focusKey.current = -1
    onChange(rows.filter((row) => row.key !== key))
  }

  return (
    <div className="pw-tables-editor">
      <ol className="pw-tables-editor__list">
        {rows.map((row, index) => {
          const titleMissing = showErrors && row.title.trim() === ''
          const limitInvalid = showErrors && parseTableLimit(row.limit) === 'invalid'
          const base = `table-${row.key}`
          return (
            <li key={row.key} className="pw-table-row">
              <fieldset>
                <legend>{t('create.tableLegend', { number: index + 1 })}</legend>
                <div className="pw-field">
                  <label htmlFor={`${base}-title`}>{t('create.tableTitle')}</label>
                  <input
                    id={`${base}-title`}
                    ref={(element) => {
                      if (element) titleInputs.current.set(row.key, element)
                      else titleInputs.current.delete(row.key)
                    }}
                    className="pw-input"
                    value={row.title}
                    maxLength={Limits.titleMax}
                    required
                    aria-invalid={titleMissing}
                    aria-describedby={titleMissing ? `${base}-title-error` : undefined}
                    onChange={(event) => update(row.key, { title: event.target.value })}
                  />
                  {titleMissing ? (
                    <p className="pw-error" id={`${base}-title-error`}>
                      {t('create.tableTitleMissing')}
                    </p>
                  ) : null}
                </div>
                <div className="pw-field">
                  <label htmlFor={`${base}-question`}>{t('create.tableQuestion')}</label>
                  <textarea
                    id={`${base}-question`}
                    className="pw-input"
                    rows={2}
                    value={row.question}
                    maxLength={Limits.questionMax}
                    onChange={(event) => update(row.key, { question: event.target.value })}
                  />
                </div>
                <div className="pw-table-row__footer">
                  <div className="pw-field">
                    <label htmlFor={`${base}-template`}>{t('create.tableTemplate')}</label>
                    <select
                      id={`${base}-template`}
                      className="pw-input"
                      value={row.template}
                      onChange={(event) => update(row.key, { template: event.target.value as TableDraft['template'] })}
                    >
                      {TableTemplates.map((template) => (
                        <option key={template} value={template}>
                          {t(`template.${template}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="pw-field">
                    <label htmlFor={`${base}-limit`}>{t('limit.createLabel')}</label>
                    <input
                      id={`${base}-limit`}
                      className="pw-input pw-limit__input"
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={1000}
                      placeholder={t('limit.none')}
                      value={row.limit}
                      aria-invalid={limitInvalid}
                      aria-describedby={limitInvalid ? `${base}-limit-error` : undefined}
                      onChange={(event) => update(row.key, { limit: event.target.value })}
                    />
                    {limitInvalid ? (
                      <p className="pw-error" id={`${base}-limit-error`}>
                        {t('limit.invalid', { max: 1000 })}
                      </p>
                    ) : null}
                  </div>
                  {rows.length > 1 ? (
                    <button type="button" className="pw-button pw-button--quiet" onClick={() => remove(row.key)}>
                      {t('create.removeTable', { number: index + 1 })}
                    </button>
                  ) : null}
                </div>
                <p className="pw-hint">{t(`template.${row.template}Hint`)}</p>
              </fieldset>
            </li>
          )
        })}
      </ol>
      {rows.length < Limits.boardsPerWorkshopMax ? (
        <button type="button" ref={addButton} className="pw-button pw-button--secondary" onClick={add}>
          {t('create.addTable')}
        </button>
      ) : null}
    </div>
  )
}
