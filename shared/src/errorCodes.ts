/** Error codes in `{ error: { code, message } }` bodies (listed in docs/architecture.md, "Error codes"). */
export const ErrorCode = {
  badRequest: 'bad_request',
  validationFailed: 'validation_failed',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  boardNotFound: 'board_not_found',
  workshopNotFound: 'workshop_not_found',
  invalidJoinCode: 'invalid_join_code',
  /** 410: the workshop (and everything in it) was deleted. */
  workshopDeleted: 'workshop_deleted',
  /** 409: the table has reached its participant limit. */
  tableFull: 'table_full',
  /** 403: the plenary is not open to participants (the organiser opens it for a plenary vote). */
  plenaryClosed: 'plenary_closed',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  rateLimited: 'rate_limited',
  internal: 'internal_error',
  unavailable: 'unavailable',
  /** 409: participants cannot change the board while it is locked or a voting round is open (comments). */
  boardLocked: 'board_locked',
  /** 404: no idea card with this id on the board (comments). */
  ideaNotFound: 'idea_not_found',
  /** 404: no comment with this id on the board. */
  commentNotFound: 'comment_not_found',
  /** 404: no uploaded image with this id on the board. */
  assetNotFound: 'asset_not_found',
  /** 415: an upload that is not a PNG, JPEG, GIF or WebP image (by its bytes), or sent with another type. */
  unsupportedImage: 'unsupported_image',
  /** 413: the board's uploaded images together would exceed `Limits.boardAssetBytesMax`. */
  boardAssetsFull: 'board_assets_full',
  /** 409, in a control-room bulk result of one table: no open round to close, or none to reveal. */
  noRound: 'no_round',
  /** 409: "everyone to the plenary" in a workshop without a plenary board. */
  noPlenary: 'no_plenary',
  /** 409: "Ich bin fertig" while the board is neither collecting nor voting. */
  nothingToFinish: 'nothing_to_finish',
  /** 422: a table number above the workshop's number of tables, or a number for the plenary. */
  tableNumberOutOfRange: 'table_number_out_of_range',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown }
}
