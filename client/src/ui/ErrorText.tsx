import { useTranslation } from 'react-i18next'
import { errorMessageKey } from '../api/errorMessageKey.ts'

/** An API error in the reader's language, announced when it appears. */
export function ErrorText({ error, id }: { error: unknown; id?: string }) {
  const { t } = useTranslation()
  if (error === null || error === undefined) return null
  const { key, values } = errorMessageKey(error)
  return (
    <p className="pw-error" role="alert" id={id}>
      {t(key, values)}
    </p>
  )
}
