import { useTranslation } from 'react-i18next'
import { setTableNumber } from '../api/apiClient.ts'
import { NumberSettingField } from './NumberSettingField.tsx'

/**
 * The table's number ("Tisch 3"), 1…N. A number another table holds swaps the two, so the hint
 * says so before the organiser saves: a printed join sheet of that other table changes too.
 */
export function TableNumberField({
  boardId,
  tableTitle,
  number,
  tables,
  token,
  onSaved,
}: {
  boardId: string
  tableTitle: string
  number: number
  /** How many tables the workshop has (N). */
  tables: number
  token: string
  onSaved: () => void
}) {
  const { t } = useTranslation()
  return (
    <NumberSettingField<number>
      className="pw-table-number"
      testId="table-number-input"
      current={String(number)}
      min={1}
      max={tables}
      tableTitle={tableTitle}
      texts={{
        label: t('tableNumber.label'),
        hint: t('tableNumber.hint', { count: tables }),
        invalid: t('tableNumber.invalid', { count: tables }),
        save: t('tableNumber.save'),
      }}
      parse={(text) => {
        const next = Number(text)
        return text !== '' && Number.isInteger(next) && next >= 1 && next <= tables ? next : undefined
      }}
      save={(next) => setTableNumber(boardId, next, token)}
      onSaved={onSaved}
    />
  )
}
