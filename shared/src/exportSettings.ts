import { z } from 'zod'
import { Limits } from './limits.ts'

/**
 * What the organiser decides when exporting the result report (issue 19), remembered per
 * workshop: whether names are printed, the board picture, the report's header facts (Ort,
 * Datum, Protokollführung), a logo and the time zone its times are written in.
 */

/** How the board picture appears: left out, one fitted page, or one page per Themengruppe. */
export const ExportPictures = ['none', 'page', 'clusters'] as const
export type ExportPicture = (typeof ExportPictures)[number]

/** A logo as uploaded: PNG or SVG, at most this many bytes (SVG is rasterised on the server). */
export const LOGO_BYTES_MAX = 256 * 1024
export const LogoTypes = ['image/png', 'image/svg+xml'] as const

export const ExportSettingsErrorCode = {
  /** The logo is not a PNG or an SVG the server can draw, or it is too big. */
  invalidLogo: 'invalid_logo',
} as const

/** Whether the runtime knows this IANA time zone (e.g. "Europe/Berlin"). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return true
  } catch {
    return false
  }
}

export const ExportSettingsSchema = z
  .object({
    /** Print who wrote each idea and comment. Off by default: a public record names no one unasked. */
    showAuthors: z.boolean(),
    picture: z.enum(ExportPictures),
    /** Ort: where the workshop took place. */
    place: z.string().trim().max(Limits.titleMax),
    /** Datum of the record (YYYY-MM-DD); null: the workshop's date. */
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
    /** Protokollführung: who wrote the record. */
    recorder: z.string().trim().max(Limits.displayNameMax),
    /** IANA zone the report's times are written in; null until an organiser's browser sent one. */
    timeZone: z.string().max(64).refine(isTimeZone, 'unknown time zone').nullable(),
  })
  .strict()
export type ExportSettings = z.infer<typeof ExportSettingsSchema>

export const DefaultExportSettings: ExportSettings = {
  showAuthors: false,
  picture: 'page',
  place: '',
  date: null,
  recorder: '',
  timeZone: null,
}

/**
 * PUT body: any subset of the settings; `logo` is a data URL (`data:image/png;base64,…` or
 * `data:image/svg+xml;base64,…`), null removes it, absent keeps it.
 */
export const UpdateExportSettingsBody = ExportSettingsSchema.partial()
  .extend({
    logo: z
      .string()
      .max(Math.ceil((LOGO_BYTES_MAX * 4) / 3) + 64)
      .nullable()
      .optional(),
  })
  .strict()
export type UpdateExportSettingsBody = z.infer<typeof UpdateExportSettingsBody>

/** GET/PUT answer: the settings and the stored logo (a PNG data URL, for the preview). */
export const ExportSettingsDto = ExportSettingsSchema.extend({ logo: z.string().nullable() })
export type ExportSettingsDto = z.infer<typeof ExportSettingsDto>
