import { useTranslation } from 'react-i18next'
import { setTableLimit } from '../api/apiClient.ts'
import { NumberSettingField } from './NumberSettingField.tsx'

const MAX_LIMIT = 1000

/** The table's optional participant limit: a number, or empty for none. Saved on submit. */
export function TableLimitField({
  boardId,
  tableTitle,
  limit,
  token,
  onSaved,
}: {
  boardId: string
  tableTitle: string
  limit: number | null
  token: string
  onSaved: () => void
}) {
  const { t } = useTranslation()
  return (
    <NumberSettingField<number | null>
      current={limit === null ? '' : String(limit)}
      min={1}
      max={MAX_LIMIT}
      tableTitle={tableTitle}
      texts={{
        label: t('limit.label'),
        hint: t('limit.hint'),
        invalid: t('limit.invalid', { max: MAX_LIMIT }),
        save: t('limit.save'),
        placeholder: t('limit.none'),
      }}
      parse={(text) => {
        if (text === '') return null
        const next = Number(text)
        return Number.isInteger(next) && next >= 1 && next <= MAX_LIMIT ? next : undefined
      }}
      save={(next) => setTableLimit(boardId, next, token)}
      onSaved={onSaved}
    />
  )
}
