import type { TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { planPlenaryShortlist } from '../shortlist/plenaryLayout.ts'
import { buildBoardReport } from './BoardReport.ts'
import { buildMarkdown, buildWorkshopSummaryMarkdown } from './markdown.ts'

/** A plenary board after two tables' shortlists were gathered into it. */
function plenaryRecords(): TLRecord[] {
  const records: TLRecord[] = []
  const tables = [
    { boardId: 'b_1', title: 'Mobilität', slot: 0, ideas: ['Radweg am Fluss', 'Nachtbus'] },
    { boardId: 'b_2', title: 'Grün', slot: 1, ideas: ['Bäume pflanzen'] },
  ]
  for (const t of tables) {
    const ideas = t.ideas.map((text, i) => ({
      ideaId: `shape:${t.boardId}_${i}`,
      text,
      color: 'yellow' as const,
      votes: 5 - i,
      rank: i + 1,
    }))
    records.push(...planPlenaryShortlist(t, ideas, records, 'f_facilitator', 1000).put)
  }
  return records
}

const report = (kind: 'table' | 'plenary', title = 'Plenum') =>
  buildBoardReport({
    workshop: { id: 'ws', title: 'Regionalforum', date: '2026-05-01', language: 'de' },
    board: { id: 'b_p', title, question: '', kind },
    records: plenaryRecords(),
  })

describe('the plenary in the record of the day', () => {
  it('is named as the plenary, its ideas say table, rank and points, and no nonsense figures', () => {
    const md = buildMarkdown(report('plenary'))
    expect(md).toContain('| Plenum | Plenum |')
    expect(md).not.toContain('| Thementisch |')
    expect(md).toContain('| Teilnehmende | — |')
    expect(md).not.toContain('Die Shortlist ist leer')
    expect(md).toContain('- Radweg am Fluss (Tisch 1: Mobilität, Rang 1, 5 Punkte)')
    expect(md).toContain('- Nachtbus (Tisch 1: Mobilität, Rang 2, 4 Punkte)')
    expect(md).toContain('### Grün')
    expect(md).not.toContain('anonym')
  })

  it('in the workshop summary: marked as the plenary, no empty shortlist of it', () => {
    const table = buildBoardReport({
      workshop: { id: 'ws', title: 'Regionalforum', date: '2026-05-01', language: 'de' },
      board: { id: 'b_1', title: 'Mobilität', question: '' },
      records: [],
    })
    const md = buildWorkshopSummaryMarkdown([table, report('plenary', 'Abschlussrunde')])
    expect(md.match(/Die Shortlist ist leer/g)).toHaveLength(1)
    expect(md).toContain('| Abschlussrunde (Plenum) | — | 3 | 0 |')
    expect(buildWorkshopSummaryMarkdown([report('plenary')])).toContain('| Plenum | — | 3 | 0 |')
  })

  it('a table keeps its wording (gathered cards never count as participants)', () => {
    const md = buildMarkdown(report('table'))
    expect(md).toContain('| Thementisch | Plenum |')
    expect(md).toContain('| Teilnehmende | 0 |')
    expect(md).toContain('Die Shortlist ist leer')
  })
})
