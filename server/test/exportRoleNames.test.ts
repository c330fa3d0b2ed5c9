import { describe, expect, it } from 'vitest'
import { allIdeas, buildBoardReport, type BoardReportInput } from '../src/export/BoardReport.ts'
import { sampleBoard } from '../src/export/sampleBoard.ts'

/** The sample board with its first card written by someone named `author` with id `authorId`. */
function withFirstCardBy(author: string, authorId: string, language: 'de' | 'en'): BoardReportInput {
  const input = sampleBoard(3).input
  let done = false
  const records = (input.records as { type?: string; props?: Record<string, unknown> }[]).map((record) => {
    if (done || record.type !== 'idea-card') return record
    done = true
    return { ...record, props: { ...record.props, author, authorId } }
  })
  return { ...input, records, workshop: { ...input.workshop, language } }
}

const authors = (input: BoardReportInput) => allIdeas(buildBoardReport(input)).map((idea) => idea.author)

describe('the facilitator in the report (issue 19: no German role name in an English report)', () => {
  it('names the facilitator by role in the report language', () => {
    expect(authors(withFirstCardBy('Moderation', 'f_abc', 'en'))).toContain('Facilitator')
    expect(authors(withFirstCardBy('Moderation', 'f_abc', 'en'))).not.toContain('Moderation')
    expect(authors(withFirstCardBy('Moderation', 'f_abc', 'de'))).toContain('Moderation')
  })

  it('leaves a participant who calls herself "Moderation" her name', () => {
    expect(authors(withFirstCardBy('Moderation', 'p_abc', 'en'))).toContain('Moderation')
  })
})

describe('the facilitator as a commenter in the report', () => {
  const commentsBy = (author: string, authorId: string | null, language: 'de' | 'en') => {
    const input = withFirstCardBy('Ada', 'p_ada', language)
    const card = (input.records as { id: string; type?: string }[]).find((r) => r.type === 'idea-card')!
    const report = buildBoardReport({
      ...input,
      comments: [{ ideaId: card.id, author, authorId, text: 'Gute Idee', createdAt: 1 }],
    })
    return allIdeas(report).flatMap((idea) => idea.comments.map((c) => c.author))
  }

  it('names the facilitator by role, and only when the id says it is the facilitator', () => {
    expect(commentsBy('Moderation', 'f_abc', 'en')).toEqual(['Facilitator'])
    expect(commentsBy('Moderation', 'f_abc', 'de')).toEqual(['Moderation'])
    expect(commentsBy('Moderation', 'p_abc', 'en')).toEqual(['Moderation'])
    expect(commentsBy('Moderation', null, 'en')).toEqual(['Moderation'])
  })
})
