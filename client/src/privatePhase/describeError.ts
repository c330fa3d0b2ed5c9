import type { TFunction } from 'i18next'
import { errorMessageKey } from '../api/errorMessageKey.ts'

/** Why a private-card action failed, in the UI's words. */
export function describePrivateError(t: TFunction, cause: unknown): string {
  const { key, values } = errorMessageKey(cause)
  return t(key, values)
}
