import { describe, expect, it } from 'vitest'
import { gatheredTables, readGatheredOrigin } from './gatheredCards.ts'

const card = (id: string, boardId: string, tableNumber: number, position: number, rank: number | null = position) => ({
  id,
  props: { text: `Idee ${id}` },
  meta: {
    createdBy: 'f',
    shortlist: {
      boardId,
      ideaId: `shape:${id}`,
      table: `Tisch ${boardId}`,
      tableNumber,
      votes: 7 - position,
      rank,
      position,
    },
  },
})

describe('gathered cards on the plenary', () => {
  it('reads table, rank and points; other cards and broken meta are no gathered cards', () => {
    expect(readGatheredOrigin(card('a', 'b1', 2, 1).meta)).toEqual({
      boardId: 'b1',
      table: 'Tisch b1',
      tableNumber: 2,
      rank: 1,
      votes: 6,
      position: 1,
    })
    expect(readGatheredOrigin({ createdBy: 'u' })).toBeNull()
    expect(readGatheredOrigin(null)).toBeNull()
    // A cluster's meta has no ideaId.
    expect(readGatheredOrigin({ shortlist: { boardId: 'b1', tableNumber: 1 } })).toBeNull()
    expect(readGatheredOrigin({ shortlist: { boardId: 'b1', ideaId: 'x', rank: 'erster', votes: -1 } })).toMatchObject({
      rank: null,
      votes: null,
    })
  })

  it('groups by table in table order, ideas in shortlist order, skipping ordinary cards', () => {
    const tables = gatheredTables([
      card('c', 'b2', 2, 2),
      card('a', 'b1', 1, 1),
      { id: 'own', props: { text: 'Eigene Idee' }, meta: {} },
      card('b', 'b2', 2, 1, null),
    ])
    expect(tables.map((t) => [t.tableNumber, t.ideas.map((i) => i.id)])).toEqual([
      [1, ['a']],
      [2, ['b', 'c']],
    ])
    expect(tables[1]!.ideas[0]!.origin.rank).toBeNull()
  })
})
