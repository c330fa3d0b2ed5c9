/**
 * Board templates the server lays out (shared BoardTemplate). Listed here as plain values: the
 * shared module defines them with zod, which the browser bundle should not carry.
 */
export const BoardTemplates = ['thementisch', 'projektmarktplatz', 'ideenwerkstatt', 'plenum', 'blank'] as const
export type BoardTemplate = (typeof BoardTemplates)[number]

export const DEFAULT_TEMPLATE: BoardTemplate = 'thementisch'

/** What a table may be made from: the plenum template belongs to the plenary (PlenaryFieldset). */
export const TableTemplates = BoardTemplates.filter((template) => template !== 'plenum')

/** Words people write in a CSV's template column, German or English, mapped to template ids. */
const ALIASES: Record<string, BoardTemplate> = {
  thementisch: 'thementisch',
  'theme table': 'thementisch',
  themetable: 'thementisch',
  table: 'thementisch',
  projektmarktplatz: 'projektmarktplatz',
  'project marketplace': 'projektmarktplatz',
  marketplace: 'projektmarktplatz',
  marktplatz: 'projektmarktplatz',
  ideenwerkstatt: 'ideenwerkstatt',
  'idea workshop': 'ideenwerkstatt',
  werkstatt: 'ideenwerkstatt',
  plenum: 'plenum',
  plenary: 'plenum',
  blank: 'blank',
  leer: 'blank',
  empty: 'blank',
}

/** The template id for a name as typed, or null when it is not one we know. */
export function templateFromName(name: string): BoardTemplate | null {
  return ALIASES[name.trim().toLowerCase().replace(/\s+/g, ' ')] ?? null
}
