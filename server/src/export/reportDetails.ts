import type { ExportPicture, ExportSettings } from '@pinnwand/shared/exportSettings'
import type { BoardReport } from './BoardReport.ts'
import type { Labels } from './labels.ts'

/**
 * What the organiser's export settings add to a report besides its content: the header facts
 * (Ort, Protokollführung), the logo, the board picture's form and the time zone of its times.
 */
export interface ReportDetails {
  /** Ort; empty: not printed. */
  place: string
  /** Protokollführung; empty: not printed. */
  recorder: string
  /** IANA zone every time in the report is written in (and named). */
  timeZone: string
  /** PNG, already checked and rasterised (export/logo.ts). */
  logoPng: Uint8Array | null
  picture: ExportPicture
}

/** The server's own zone: only for reports built without settings (tests, old callers). */
const serverTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

export function reportDetailsFrom(settings: ExportSettings, logoPng: Uint8Array | null): ReportDetails {
  return {
    place: settings.place,
    recorder: settings.recorder,
    timeZone: settings.timeZone ?? serverTimeZone(),
    logoPng,
    picture: settings.picture,
  }
}

export function detailsOf(report: Pick<BoardReport, 'details'>): ReportDetails {
  return report.details ?? { place: '', recorder: '', timeZone: serverTimeZone(), logoPng: null, picture: 'page' }
}

/**
 * Ort and Protokollführung as rows of a report's header table, when the organiser gave them,
 * and the number of cards rejected in the moderation inbox, when there were any.
 */
export function detailRows(report: Pick<BoardReport, 'details' | 'rejectedCards'>, l: Labels): [string, string][] {
  const details = detailsOf(report)
  const rows: [string, string][] = []
  if (details.place) rows.push([l.place, details.place])
  if (details.recorder) rows.push([l.recorder, details.recorder])
  if (report.rejectedCards) rows.push([l.rejectedCards, String(report.rejectedCards)])
  return rows
}
