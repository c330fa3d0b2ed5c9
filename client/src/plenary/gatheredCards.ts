/**
 * Reading the cards the server gathered onto the plenary (docs/board-document.md, "Gathered
 * shortlists"): which table each came from, with its rank and points there. Pure, so the card,
 * the projector's walkthrough and their tests share one reading of `meta.shortlist`.
 */

export interface GatheredOrigin {
  /** The source table's board id. */
  boardId: string
  table: string
  tableNumber: number
  rank: number | null
  votes: number | null
  /** 1-based place in the table's shortlist. */
  position: number
}

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null

/** The origin of a gathered card from its `meta`, or null for any other card. */
export function readGatheredOrigin(meta: unknown): GatheredOrigin | null {
  const shortlist = (meta as { shortlist?: unknown } | null | undefined)?.shortlist
  if (typeof shortlist !== 'object' || shortlist === null) return null
  const m = shortlist as Record<string, unknown>
  if (typeof m.boardId !== 'string' || typeof m.ideaId !== 'string') return null
  return {
    boardId: m.boardId,
    table: typeof m.table === 'string' ? m.table : '',
    tableNumber: count(m.tableNumber) ?? 0,
    rank: count(m.rank),
    votes: count(m.votes),
    position: count(m.position) ?? 0,
  }
}

export interface GatheredIdea {
  id: string
  text: string
  origin: GatheredOrigin
}

export interface GatheredTable {
  boardId: string
  title: string
  tableNumber: number
  ideas: GatheredIdea[]
}

/** The gathered ideas grouped by table: tables in their order, ideas in shortlist order. */
export function gatheredTables(
  cards: readonly { id: string; meta: unknown; props: { text: string } }[],
): GatheredTable[] {
  const tables = new Map<string, GatheredTable>()
  for (const card of cards) {
    const origin = readGatheredOrigin(card.meta)
    if (!origin) continue
    let table = tables.get(origin.boardId)
    if (!table) {
      table = { boardId: origin.boardId, title: origin.table, tableNumber: origin.tableNumber, ideas: [] }
      tables.set(origin.boardId, table)
    }
    table.ideas.push({ id: card.id, text: card.props.text, origin })
  }
  const list = [...tables.values()]
  for (const table of list)
    table.ideas.sort((a, b) => a.origin.position - b.origin.position || a.id.localeCompare(b.id))
  return list.sort((a, b) => a.tableNumber - b.tableNumber || a.title.localeCompare(b.title))
}
