import { getBoardSchema } from '@pinnwand/shared'
import { describe, expect, it } from 'vitest'
import { validateRecord } from '../sync/recordPolicy.ts'
import { TemplateIds, templateRecords } from './templates.ts'

describe('board templates', () => {
  const schema = getBoardSchema()

  it.each(TemplateIds)('%s produces only records the board schema accepts', (template) => {
    const records = templateRecords(template, { id: 'b_1', question: 'Was braucht\nunser Quartier?' }, 'de', 'f_1')
    for (const record of records) expect(validateRecord(record.id, record, undefined, schema)).toBeNull()
    const ids = records.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('puts the guiding question on top and gives a Thementisch three empty clusters', () => {
    const records = templateRecords('thementisch', { id: 'b_1', question: 'Wie weiter?' }, 'de', 'f_1')
    const text = records.find((r) => r.typeName === 'shape' && r.type === 'text')
    expect(JSON.stringify(text)).toContain('Wie weiter?')
    const clusters = records.filter((r) => r.typeName === 'shape' && r.type === 'cluster')
    expect(clusters.map((c) => (c as { props: { title: string } }).props.title)).toEqual([
      'Themengruppe 1',
      'Themengruppe 2',
      'Themengruppe 3',
    ])
  })

  it('labels in English for English workshops and owns everything by the facilitator', () => {
    const records = templateRecords('projektmarktplatz', { id: 'b_1', question: '' }, 'en', 'f_9')
    expect(records.map((r) => (r as { props: { title?: string } }).props.title)).toEqual([
      'What convinces',
      'Open questions',
      'Suggestions',
    ])
    for (const r of records) expect((r as { meta: { createdBy?: string } }).meta.createdBy).toBe('f_9')
  })

  it('falls back to a blank board for an unknown template', () => {
    expect(templateRecords('nonsense', { id: 'b_1', question: '' }, 'de', 'f_1')).toEqual([])
  })
})
