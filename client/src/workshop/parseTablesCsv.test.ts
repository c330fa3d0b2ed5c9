import { describe, expect, it } from 'vitest'
import { parseTableLimit, parseTablesCsv } from './parseTablesCsv.ts'

describe('parseTablesCsv', () => {
  it('reads semicolon-separated rows with a header', () => {
    const csv = 'title;question;template\nMobilität;Wie kommen wir hin?;thementisch\nEnergie;;Projektmarktplatz\n'
    expect(parseTablesCsv(csv)).toEqual({
      tables: [
        { title: 'Mobilität', question: 'Wie kommen wir hin?', template: 'thementisch' },
        { title: 'Energie', question: '', template: 'projektmarktplatz' },
      ],
      problems: [],
    })
  })

  it('reads comma-separated rows without a header, template optional', () => {
    const { tables } = parseTablesCsv('Housing,How do we build more?\r\nPlenary,,plenary')
    expect(tables).toEqual([
      { title: 'Housing', question: 'How do we build more?', template: 'thementisch' },
      { title: 'Plenary', question: '', template: 'plenum' },
    ])
  })

  it('keeps separators, quotes and line breaks inside quoted fields', () => {
    const csv = 'Titel;Frage\n"Bildung; Schule";"Was ""fehlt""?\nZweite Zeile"\n"A, B";x'
    expect(parseTablesCsv(csv).tables).toEqual([
      { title: 'Bildung; Schule', question: 'Was "fehlt"?\nZweite Zeile', template: 'thementisch' },
      { title: 'A, B', question: 'x', template: 'thementisch' },
    ])
  })

  it('picks the separator from the first line even when a later field has the other one', () => {
    expect(parseTablesCsv('a,b\nc,"d; e"').tables.map((t) => t.question)).toEqual(['b', 'd; e'])
  })

  it('strips a byte order mark and skips blank lines', () => {
    expect(parseTablesCsv('\uFEFFtitle,question\n\n  \nKlima,Was tun?\n\n').tables).toEqual([
      { title: 'Klima', question: 'Was tun?', template: 'thementisch' },
    ])
  })

  it('reports rows without a title and unknown templates with their line', () => {
    const { tables, problems } = parseTablesCsv('title;question;template\n;only a question\nKlima;;kanban')
    expect(tables).toEqual([{ title: 'Klima', question: '', template: 'thementisch' }])
    expect(problems).toEqual([
      { line: 2, kind: 'missingTitle' },
      { line: 3, kind: 'unknownTemplate', value: 'kanban' },
    ])
  })

  it('counts lines across quoted line breaks', () => {
    const { problems } = parseTablesCsv('"A";"x\ny"\n;z')
    expect(problems).toEqual([{ line: 3, kind: 'missingTitle' }])
  })

  it('reads an optional participant limit from the 4th column and reports bad ones', () => {
    const { tables, problems } = parseTablesCsv(
      'Titel;Leitfrage;Vorlage;Plätze\nA;q;;12\nB;q;plenum;\nC;q;;viele\nD;q;;0',
    )
    expect(tables.map((t) => t.maxParticipants)).toEqual([12, undefined, undefined, undefined])
    expect(problems).toEqual([
      { line: 4, kind: 'badLimit', value: 'viele' },
      { line: 5, kind: 'badLimit', value: '0' },
    ])
  })

  it('parseTableLimit: empty is none, whole numbers 1–1000 only', () => {
    expect(parseTableLimit('')).toBeNull()
    expect(parseTableLimit(' 7 ')).toBe(7)
    for (const bad of ['0', '1001', '2.5', 'x', '-3']) expect(parseTableLimit(bad)).toBe('invalid')
  })

  it('returns nothing for an empty file', () => {
    expect(parseTablesCsv('')).toEqual({ tables: [], problems: [] })
  })
})
