import type { TFunction } from 'i18next'
import { ApiError } from '../api/apiClient.ts'
import { errorMessageKey } from '../api/errorMessageKey.ts'

const VOTING_CODES = new Set([
  'round_already_open',
  'round_not_open',
  'round_has_no_timer',
  'not_revealed',
  'unknown_idea',
  'unknown_cluster',
  'no_eligible_ideas',
  'round_not_found',
])

/** Why a voting action failed, in words (voting's own codes first, then the app's general ones). */
export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && VOTING_CODES.has(error.code)) return t(`voting.errors.${error.code}`)
  const { key, values } = errorMessageKey(error)
  return t(key, values)
}
