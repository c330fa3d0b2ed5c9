import { describe, expect, it } from 'vitest'
import { parseTablesCsv } from './parseTablesCsv.ts'

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

  it('returns nothing for an empty file', () => {
    expect(parseTablesCsv('')).toEqual({ tables: [], problems: [] })
  })
})
