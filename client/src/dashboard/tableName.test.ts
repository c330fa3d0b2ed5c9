import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { tableName } from './tableName.ts'

const t = ((key: string, values: { number: number; title: string }) =>
  key === 'control.tableName' ? `Tisch ${values.number} · ${values.title}` : key) as unknown as TFunction

describe('the dashboard’s table name', () => {
  it('reads as everywhere else: number and title, the title alone where it numbers itself, the plenary by name', () => {
    expect(tableName(t, { number: 3, title: 'Mobilität' })).toBe('Tisch 3 · Mobilität')
    expect(tableName(t, { number: 1, title: 'Tisch 3' })).toBe('Tisch 3')
    expect(tableName(t, { number: null, title: 'Plenum' })).toBe('Plenum')
  })
})
