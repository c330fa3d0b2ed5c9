import { ApiError } from './apiClient.ts'

/** Error codes the UI explains in its own words; anything else gets the generic text with the server's message. */
const KNOWN: Record<string, string> = {
  invalid_join_code: 'apiError.invalidJoinCode',
  workshop_not_found: 'apiError.workshopNotFound',
  workshop_full: 'apiError.workshopFull',
  board_not_found: 'apiError.boardNotFound',
  invalid_passphrase: 'apiError.invalidPassphrase',
  workshop_deleted: 'apiError.workshopDeleted',
  table_full: 'apiError.tableFull',
  plenary_closed: 'apiError.plenaryClosed',
  rate_limited: 'apiError.rateLimited',
  validation_failed: 'apiError.validationFailed',
  payload_too_large: 'apiError.payloadTooLarge',
  join_code_expired: 'apiError.joinCodeExpired',
  admin_token_required: 'apiError.adminTokenRequired',
  invalid_logo: 'export.settings.invalidLogo',
  no_private_phase: 'privatePhase.error.noPhase',
  private_card_not_found: 'privatePhase.error.notFound',
  too_many_private_cards: 'privatePhase.error.tooMany',
  private_phase_running: 'privatePhase.error.running',
  moderation_off: 'moderation.error.off',
  held_card_not_found: 'moderation.error.notFound',
  held_card_decided: 'moderation.error.decided',
  too_many_held_cards: 'moderation.error.tooMany',
}

/** The i18n key (and interpolation values) describing why an API call failed. */
export function errorMessageKey(error: unknown): { key: string; values: Record<string, string> } {
  if (!(error instanceof ApiError)) return { key: 'apiError.network', values: {} }
  const known = KNOWN[error.code]
  if (known) return { key: known, values: {} }
  if (error.status === 401) return { key: 'apiError.unauthorized', values: {} }
  if (error.status === 403) return { key: 'apiError.forbidden', values: {} }
  if (error.status === 404) return { key: 'apiError.notFound', values: {} }
  return { key: 'apiError.generic', values: { message: error.message } }
}
