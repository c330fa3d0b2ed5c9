import { describe, expect, it } from 'vitest'
import { tableName } from './tableName.ts'

const withNumber = (number: number, title: string) => `Tisch ${number} · ${title}`

describe('tableName', () => {
  it('adds the number to a title that has none', () => {
    expect(tableName('Mobilität', 2, withNumber)).toBe('Tisch 2 · Mobilität')
  })
  it("keeps the organiser's own numbering, and the plenary's name", () => {
    expect(tableName('Tisch 3', 1, withNumber)).toBe('Tisch 3')
    expect(tableName('Thementisch 4: Wohnen', 4, withNumber)).toBe('Thementisch 4: Wohnen')
    expect(tableName('Table 1: Mobility', 1, withNumber)).toBe('Table 1: Mobility')
    expect(tableName('Plenum', null, withNumber)).toBe('Plenum')
  })
})
