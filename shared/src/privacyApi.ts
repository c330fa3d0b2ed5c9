import { z } from 'zod'

/** Request and response schemas of the data-protection endpoints (retention, removing a name). */

/** The name shown instead of a removed participant's (board, history, exports). */
export const REMOVED_NAME = 'Teilnehmende/r'

export const RETENTION_DAYS_MIN = 1
export const RETENTION_DAYS_MAX = 3650

/**
 * `PUT /api/workshops/:workshopId/retention` (facilitator). `days`: how long after the
 * workshop's date it is kept; null: the server's default again.
 */
export const RetentionBody = z
  .object({ days: z.number().int().min(RETENTION_DAYS_MIN).max(RETENTION_DAYS_MAX).nullable() })
  .strict()
export type RetentionBody = z.infer<typeof RetentionBody>

/** How long a workshop is kept: `days` after its date; the server deletes it on `deleteOn`. */
export const RetentionResponse = z.object({
  days: z.number(),
  /** The server's default (RETENTION_DAYS), not set for this workshop. */
  isDefault: z.boolean(),
  /** YYYY-MM-DD, the day the server's schedule deletes the workshop. */
  deleteOn: z.string(),
})
export type RetentionResponse = z.infer<typeof RetentionResponse>

/** What removing a participant's name answers: the name now shown and how much was rewritten. */
export const RemoveNameResponse = z.object({
  participantId: z.string(),
  /** Always REMOVED_NAME. */
  name: z.string(),
  /** Cards and comments on live boards that named the participant. */
  boardEntries: z.number(),
  /** History versions rewritten. */
  versions: z.number(),
})
export type RemoveNameResponse = z.infer<typeof RemoveNameResponse>
