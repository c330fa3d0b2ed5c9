import { getBoardSchema } from '@pinnwand/shared'
import { describe, expect, it } from 'vitest'
import { validateRecord } from '../sync/recordPolicy.ts'
import type { TLRecord, TLShape } from '@tldraw/tlschema'
import { DEFAULT_PAGE_ID } from './boardDocument.ts'
import { CARD_SIZE, COLLECT_ROLE, placeNewCard, type PlacedShape } from './placement.ts'
import { TemplateIds, templateRecords } from './templates.ts'

/** The template's shapes as placement sees them (text has no size in its props: one line of xl). */
const placed = (records: TLRecord[]): PlacedShape[] =>
  records.flatMap((r) => {
    if (r.typeName !== 'shape') return []
    const shape = r as TLShape
    const props = shape.props as { w?: number; h?: number }
    const role = (shape.meta as { role?: string }).role
    return [
      {
        id: shape.id,
        type: shape.type,
        parentId: shape.parentId,
        x: shape.x,
        y: shape.y,
        w: props.w ?? 0,
        h: props.h ?? 80,
        role,
      },
    ]
  })

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
    const clusters = records.filter((r) => r.typeName === 'shape' && r.type === 'cluster')
    expect(clusters.map((r) => (r as { props: { title?: string } }).props.title)).toEqual([
      'What convinces',
      'Open questions',
      'Suggestions',
    ])
    for (const r of records) expect((r as { meta: { createdBy?: string } }).meta.createdBy).toBe('f_9')
  })

  it.each(TemplateIds.filter((t) => t !== 'blank'))(
    '%s marks one collecting area, and the first ideas land inside it',
    (template) => {
      const records = templateRecords(template, { id: 'b_1', question: 'Wie weiter?' }, 'de', 'f_1')
      const zones = records.filter((r) => r.typeName === 'shape' && (r.meta as { role?: string }).role === COLLECT_ROLE)
      expect(zones).toHaveLength(1)
      const zone = placed(zones)[0]!
      const shapes = placed(records)
      for (let i = 0; i < 5; i++) {
        const spot = placeNewCard(shapes, { pageId: DEFAULT_PAGE_ID })
        const card = { ...spot, ...CARD_SIZE }
        expect(card.x).toBeGreaterThanOrEqual(zone.x)
        expect(card.x + card.w).toBeLessThanOrEqual(zone.x + zone.w)
        expect(card.y).toBeGreaterThan(zone.y)
        expect(card.y + card.h).toBeLessThanOrEqual(zone.y + zone.h)
        for (const other of shapes.filter((s) => s.id !== zone.id)) {
          const apart =
            card.x >= other.x + other.w ||
            other.x >= card.x + card.w ||
            card.y >= other.y + other.h ||
            other.y >= card.y + card.h
          expect(apart).toBe(true)
        }
        shapes.push({ id: `shape:${i}`, type: 'idea-card', ...spot, ...CARD_SIZE })
      }
    },
  )

  it('falls back to a blank board for an unknown template', () => {
    expect(templateRecords('nonsense', { id: 'b_1', question: '' }, 'de', 'f_1')).toEqual([])
  })
})
