import { describe, expect, it } from 'vitest'
import {
  checkImportRows,
  clusterKey,
  IDEA_IMPORT_MAX_IDEAS,
  type IdeaImportParse,
  IdeaImportBody,
  parseCsvRecords,
  parseIdeaImport,
} from './ideaImport.ts'
import { Limits } from './limits.ts'

function ok(result: IdeaImportParse) {
  if (!result.ok) throw new Error(`expected a parse, got ${result.message}`)
  return result
}

const pairs = (result: IdeaImportParse) => ok(result).ideas.map((i) => [i.text, i.cluster])

describe('parseIdeaImport: one idea per line', () => {
  it('takes every non-blank line as an idea, trimmed, with its line number', () => {
    const result = ok(parseIdeaImport('Mehr Bäume\n\n   \n  Radwege ausbauen  \n\t\nSitzbänke'))
    expect(result.format).toBe('lines')
    expect(result.ideas).toEqual([
      { text: 'Mehr Bäume', cluster: null, line: 1 },
      { text: 'Radwege ausbauen', cluster: null, line: 4 },
      { text: 'Sitzbänke', cluster: null, line: 6 },
    ])
    expect(result.problems).toEqual([])
  })

  it('keeps commas in ideas: comma lists without a header are not CSV', () => {
    expect(pairs(parseIdeaImport('Mehr Bäume, weniger Autos\nRuhe, bitte'))).toEqual([
      ['Mehr Bäume, weniger Autos', null],
      ['Ruhe, bitte', null],
    ])
  })

  it('accepts CRLF, old Mac line ends and a byte order mark', () => {
    expect(pairs(parseIdeaImport('\uFEFFeins\r\nzwei\rdrei\r\n'))).toEqual([
      ['eins', null],
      ['zwei', null],
      ['drei', null],
    ])
  })

  it('drops list bullets of pasted lists but keeps other leading characters', () => {
    expect(pairs(parseIdeaImport('- eins\n• zwei\n* drei\n-vier\n1. fünf'))).toEqual([
      ['eins', null],
      ['zwei', null],
      ['drei', null],
      ['-vier', null],
      ['1. fünf', null],
    ])
  })

  it('keeps markup, emoji, right-to-left and combining characters as plain text', () => {
    const input = '<script>alert(1)</script>\n🌳 Bäume 🚲\nمرحبا بالعالم\ne\u0301te\u0301'
    expect(pairs(parseIdeaImport(input)).map(([text]) => text)).toEqual([
      '<script>alert(1)</script>',
      '🌳 Bäume 🚲',
      'مرحبا بالعالم',
      'e\u0301te\u0301',
    ])
  })

  it('the lines format never reads CSV, even with semicolons', () => {
    expect(pairs(parseIdeaImport('a;b\nc;d', 'lines'))).toEqual([
      ['a;b', null],
      ['c;d', null],
    ])
  })

  it('empty and whitespace-only input is simply nothing', () => {
    for (const input of ['', '   ', '\n\n\r\n', '\uFEFF']) {
      expect(ok(parseIdeaImport(input)).ideas).toEqual([])
      expect(ok(parseIdeaImport(input)).problems).toEqual([])
    }
  })
})

describe('parseIdeaImport: CSV', () => {
  it('reads text and cluster from a header row, any column order, extra columns ignored', () => {
    const result = ok(parseIdeaImport('Autor,Cluster,Text\nAda,Mobilität,Mehr Radwege\nBo,,Ruhe'))
    expect(result).toMatchObject({ format: 'csv', separator: ',', header: true })
    expect(pairs(result)).toEqual([
      ['Mehr Radwege', 'Mobilität'],
      ['Ruhe', null],
    ])
    expect(result.ideas.map((i) => i.line)).toEqual([2, 3])
  })

  it('reads semicolon CSV from German Excel with BOM and CRLF, quotes and all', () => {
    const input =
      '\uFEFFIdee;Themengruppe\r\n"Mehr Bäume; weniger Asphalt";Grün\r\n"Sie sagte ""Hallo""";Begegnung\r\nBänke;\r\n'
    const result = ok(parseIdeaImport(input))
    expect(result).toMatchObject({ format: 'csv', separator: ';', header: true })
    expect(pairs(result)).toEqual([
      ['Mehr Bäume; weniger Asphalt', 'Grün'],
      ['Sie sagte "Hallo"', 'Begegnung'],
      ['Bänke', null],
    ])
  })

  it('detects semicolon and tab CSV without a header when every row has the separator', () => {
    expect(pairs(parseIdeaImport('Radwege;Mobilität\nBäume;Grün'))).toEqual([
      ['Radwege', 'Mobilität'],
      ['Bäume', 'Grün'],
    ])
    expect(pairs(parseIdeaImport('Radwege\tMobilität\nBäume\tGrün'))).toEqual([
      ['Radwege', 'Mobilität'],
      ['Bäume', 'Grün'],
    ])
    // One row without a separator: these are just lines that happen to contain a semicolon.
    expect(pairs(parseIdeaImport('Radwege; sicher\nBäume'))).toEqual([
      ['Radwege; sicher', null],
      ['Bäume', null],
    ])
  })

  it('comma CSV without a header when asked for explicitly', () => {
    expect(pairs(parseIdeaImport('Radwege,Mobilität\n"Bäume, viele",Grün', 'csv'))).toEqual([
      ['Radwege', 'Mobilität'],
      ['Bäume, viele', 'Grün'],
    ])
  })

  it('keeps line breaks inside quoted fields and numbers rows by their first line', () => {
    const result = ok(parseIdeaImport('text,cluster\n"Zeile eins\nZeile zwei",A\nnächste,B'))
    expect(result.ideas).toEqual([
      { text: 'Zeile eins\nZeile zwei', cluster: 'A', line: 2 },
      { text: 'nächste', cluster: 'B', line: 4 },
    ])
  })

  it('a one-column file with a header keeps separators inside the idea', () => {
    expect(pairs(parseIdeaImport('Idee\nMehr Bäume; weniger Autos\nRuhe, bitte'))).toEqual([
      ['Mehr Bäume; weniger Autos', null],
      ['Ruhe, bitte', null],
    ])
  })

  it('skips blank rows and rows of empty fields; reports a row without text', () => {
    const result = ok(parseIdeaImport('text;cluster\n\n;\n  ;  \n;Grün\nBäume;Grün'))
    expect(pairs(result)).toEqual([['Bäume', 'Grün']])
    expect(result.problems).toEqual([expect.objectContaining({ line: 5, code: 'empty_text' })])
  })

  it('reports an unclosed quote and reads the rest as one idea', () => {
    const result = ok(parseIdeaImport('text;cluster\n"offen;A\nB;C'))
    expect(result.ideas).toHaveLength(1)
    expect(result.problems).toEqual([expect.objectContaining({ line: 2, code: 'unclosed_quote' })])
  })

  it('reads a leading quoted field as CSV even without a header', () => {
    expect(pairs(parseIdeaImport('"Bäume, viele",Grün\n"Radwege",Mobilität'))).toEqual([
      ['Bäume, viele', 'Grün'],
      ['Radwege', 'Mobilität'],
    ])
  })
})

describe('parseIdeaImport: limits', () => {
  it('reports over-long text with its line number and imports the rest', () => {
    const long = 'x'.repeat(Limits.ideaTextMax + 1)
    const result = ok(parseIdeaImport(`eins\n\n${long}\nzwei`))
    expect(pairs(result)).toEqual([
      ['eins', null],
      ['zwei', null],
    ])
    expect(result.problems).toEqual([{ line: 3, code: 'text_too_long', message: expect.stringContaining('Line 3') }])
    // Exactly at the limit is fine.
    expect(ok(parseIdeaImport('y'.repeat(Limits.ideaTextMax))).ideas).toHaveLength(1)
  })

  it('reports an over-long cluster name', () => {
    const result = ok(parseIdeaImport(`text;cluster\nBäume;${'g'.repeat(Limits.titleMax + 1)}`))
    expect(result.ideas).toEqual([])
    expect(result.problems).toEqual([expect.objectContaining({ line: 2, code: 'cluster_too_long' })])
  })

  it('takes 500 ideas and refuses 501 with a clear limit message', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `Idee ${i + 1}`).join('\n')
    expect(ok(parseIdeaImport(lines(IDEA_IMPORT_MAX_IDEAS))).ideas).toHaveLength(500)
    // Blank lines do not count.
    expect(ok(parseIdeaImport(`${lines(IDEA_IMPORT_MAX_IDEAS)}\n\n\n`)).ideas).toHaveLength(500)
    const refused = parseIdeaImport(lines(501))
    expect(refused).toEqual({
      ok: false,
      code: 'too_many_ideas',
      count: 501,
      limit: 500,
      message: expect.stringContaining('at most 500'),
    })
    const csv = parseIdeaImport(`text;cluster\n${Array.from({ length: 501 }, (_, i) => `I${i};C`).join('\n')}`)
    expect(csv).toMatchObject({ ok: false, count: 501 })
  })
})

describe('checkImportRows (the structured form)', () => {
  it('applies the same rules and numbers rows from 1', () => {
    const result = ok(
      checkImportRows([
        { text: ' Bäume ', cluster: ' Grün ' },
        { text: '   ' },
        { text: 'Radwege', cluster: null },
        { text: 'z'.repeat(Limits.ideaTextMax + 1) },
      ]),
    )
    expect(result.ideas).toEqual([
      { text: 'Bäume', cluster: 'Grün', line: 1 },
      { text: 'Radwege', cluster: null, line: 3 },
    ])
    expect(result.problems.map((p) => [p.line, p.code])).toEqual([[4, 'text_too_long']])
    expect(checkImportRows(Array.from({ length: 501 }, () => ({ text: 'a' })))).toMatchObject({ ok: false })
  })
})

describe('parseCsvRecords', () => {
  it('handles empty fields, a trailing separator and doubled quotes', () => {
    expect(parseCsvRecords('a,,"b""c",\n', ',').map((r) => r.fields)).toEqual([['a', '', 'b"c', '']])
  })
})

describe('clusterKey and the body schema', () => {
  it('matches cluster names regardless of case, spacing and normalization', () => {
    expect(clusterKey('  Mobilität  im   Quartier ')).toBe(clusterKey('mobilita\u0308t im quartier'))
  })

  it('accepts text or ideas, strictly', () => {
    expect(IdeaImportBody.safeParse({ text: 'a' }).success).toBe(true)
    expect(IdeaImportBody.safeParse({ text: 'a', format: 'csv' }).success).toBe(true)
    expect(IdeaImportBody.safeParse({ ideas: [{ text: 'a', cluster: 'b' }] }).success).toBe(true)
    expect(IdeaImportBody.safeParse({ text: 'a', extra: 1 }).success).toBe(false)
    expect(IdeaImportBody.safeParse({ ideas: [{ text: 'a', colour: 'red' }] }).success).toBe(false)
    expect(IdeaImportBody.safeParse({}).success).toBe(false)
  })
})
