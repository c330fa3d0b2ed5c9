import { type BoardKind, boardKindOf } from '@pinnwand/shared'

/**
 * Changing a table's number ("Tisch 5 soll Tisch 2 sein"). Numbers are the tables' places in the
 * workshop's order (shared `tableNumbers`), so they stay 1…N without gaps or duplicates whatever
 * happens: asking for a number another table holds swaps the two tables. A swap, not a shift,
 * because join sheets are printed per table: renumbering one table moves exactly one other, never
 * every table after it.
 */
export interface NumberedBoard {
  id: string
  kind?: BoardKind | undefined
  template?: string | undefined
}

export type RenumberResult =
  | {
      ok: true
      /** Every board of the workshop in its new order (plenary included, where it was). */
      order: string[]
      /** The table that now carries the edited table's old number; null when nothing moved. */
      swappedWith: string | null
    }
  | { ok: false; reason: 'not_a_table' | 'out_of_range'; tables: number }

/** The new order of `boards` (in their current order) when `boardId` is to carry `number`. */
export function renumberTable(boards: readonly NumberedBoard[], boardId: string, number: number): RenumberResult {
  const order = boards.map((b) => b.id)
  const tableSlots = boards.flatMap((b, i) => (boardKindOf(b) === 'table' ? [i] : []))
  const from = tableSlots.findIndex((i) => boards[i]?.id === boardId)
  if (from < 0) return { ok: false, reason: 'not_a_table', tables: tableSlots.length }
  if (!Number.isInteger(number) || number < 1 || number > tableSlots.length)
    return { ok: false, reason: 'out_of_range', tables: tableSlots.length }
  const a = tableSlots[from] as number
  const b = tableSlots[number - 1] as number
  if (a === b) return { ok: true, order, swappedWith: null }
  const other = order[b] as string
  order[b] = boardId
  order[a] = other
  return { ok: true, order, swappedWith: other }
}
