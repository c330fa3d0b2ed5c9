import { tableNumbers } from '@pinnwand/shared/controlApi'
import { describe, expect, it } from 'vitest'
import { renumberTable } from './tableNumber.ts'

const boards = [
  { id: 'a', kind: 'table' as const },
  { id: 'p', kind: 'plenary' as const },
  { id: 'b', kind: 'table' as const },
  { id: 'c', kind: 'table' as const },
]

const numbersAfter = (order: string[]) =>
  tableNumbers(order.map((id) => boards.find((b) => b.id === id) as (typeof boards)[number]))

describe('renumberTable', () => {
  it('swaps with the table that held the number; the plenary keeps its place', () => {
    const result = renumberTable(boards, 'c', 1)
    expect(result).toEqual({ ok: true, order: ['c', 'p', 'b', 'a'], swappedWith: 'a' })
    if (!result.ok) return
    expect([...numbersAfter(result.order)]).toEqual([
      ['c', 1],
      ['b', 2],
      ['a', 3],
    ])
  })

  it('keeps the order when the table already has the number', () => {
    expect(renumberTable(boards, 'b', 2)).toEqual({ ok: true, order: ['a', 'p', 'b', 'c'], swappedWith: null })
  })

  it('refuses numbers outside 1…N and boards that are not tables', () => {
    expect(renumberTable(boards, 'a', 4)).toEqual({ ok: false, reason: 'out_of_range', tables: 3 })
    expect(renumberTable(boards, 'a', 0)).toMatchObject({ ok: false, reason: 'out_of_range' })
    expect(renumberTable(boards, 'a', 1.5)).toMatchObject({ ok: false, reason: 'out_of_range' })
    expect(renumberTable(boards, 'p', 1)).toMatchObject({ ok: false, reason: 'not_a_table' })
    expect(renumberTable(boards, 'nope', 1)).toMatchObject({ ok: false, reason: 'not_a_table' })
  })
})
