import { type ClusterShape, getBoardSchema, type IdeaCardShape } from '@pinnwand/shared'
import { parseIdeaImport } from '@pinnwand/shared/ideaImport'
import type { TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type { Actor } from '../auth/Actor.ts'
import { buildCluster, isCluster, isIdeaCard } from '../domain/ideas.ts'
import { validateRecord } from '../sync/recordPolicy.ts'
import { planIdeaImport } from './planIdeaImport.ts'

const facilitator: Actor = { role: 'facilitator', workshopId: 'ws', boardId: null, userId: 'f_1', name: 'Moderation' }
const schema = getBoardSchema()
const page = [
  { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
  { id: 'page:page', typeName: 'page', name: 'Board', index: 'a1', meta: {} },
] as unknown as TLRecord[]

const ideas = (input: string) => {
  const parsed = parseIdeaImport(input)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.ideas
}

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

describe('planIdeaImport', () => {
  it('creates missing clusters by name, reuses existing ones whatever their case, and puts cards inside', () => {
    const existing = buildCluster(page, 'Mobilität', 'light-blue', facilitator)
    const plan = planIdeaImport(
      [...page, existing],
      ideas('text;cluster\nRadwege;mobilität \nBäume;Grün\nBus;MOBILITÄT\nLose Idee;'),
      facilitator,
      1000,
    )
    const cards = plan.records.filter(isIdeaCard)
    const clusters = plan.records.filter(isCluster)
    expect(cards.map((c) => c.props.text)).toEqual(['Radwege', 'Bus', 'Bäume', 'Lose Idee'])
    expect(plan.clusters).toEqual([
      { id: existing.id, title: 'Mobilität', created: false },
      { id: expect.any(String), title: 'Grün', created: true },
    ])
    const green = clusters.find((c) => c.props.title === 'Grün')!
    const parentOf = (text: string) => cards.find((c) => c.props.text === text)!.parentId
    expect(parentOf('Radwege')).toBe(existing.id)
    expect(parentOf('Bus')).toBe(existing.id)
    expect(parentOf('Bäume')).toBe(green.id)
    expect(parentOf('Lose Idee')).toBe('page:page')
    // Ids in import order; createdAt keeps that order too.
    const byId = new Map<string, (typeof cards)[number]>(cards.map((c) => [c.id, c]))
    expect(plan.ideaIds.map((id) => byId.get(id)!.props.text)).toEqual(['Radwege', 'Bäume', 'Bus', 'Lose Idee'])
    expect(plan.ideaIds.map((id) => byId.get(id)!.props.createdAt)).toEqual([1000, 1001, 1002, 1003])
  })

  it('produces only valid records, authored by the importer', () => {
    const plan = planIdeaImport(page, ideas('text,cluster\n"<b>fett</b>, 🌳",Grün\nمرحبا,'), facilitator)
    for (const record of plan.records) expect(validateRecord(record.id, record, undefined, schema)).toBeNull()
    for (const card of plan.records.filter(isIdeaCard)) expect(card.props.authorId).toBe('f_1')
    expect(plan.records.filter(isIdeaCard).map((c) => c.props.text)).toEqual(['<b>fett</b>, 🌳', 'مرحبا'])
  })

  it('gives new clusters valid colours in turn, however many there are', () => {
    const rows = Array.from({ length: 8 }, (_, i) => `Idee ${i};Cluster ${i}`).join('\n')
    const plan = planIdeaImport(page, ideas(rows), facilitator)
    const clusters = plan.records.filter(isCluster)
    expect(clusters).toHaveLength(8)
    for (const cluster of clusters) expect(validateRecord(cluster.id, cluster, undefined, schema)).toBeNull()
    expect(new Set(clusters.map((c) => c.props.color)).size).toBe(6)
  })

  it('grows a cluster to hold many cards, and new clusters do not overlap', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `Idee ${i};${i < 30 ? 'Groß' : 'Klein'}`).join('\n')
    const plan = planIdeaImport(page, ideas(rows), facilitator)
    const clusters = plan.records.filter(isCluster) as ClusterShape[]
    expect(clusters).toHaveLength(2)
    const big = clusters.find((c) => c.props.title === 'Groß')!
    const inBig = plan.records.filter(isIdeaCard).filter((c) => c.parentId === big.id) as IdeaCardShape[]
    expect(inBig).toHaveLength(30)
    for (const card of inBig) {
      expect(card.x + card.props.w).toBeLessThanOrEqual(big.props.w)
      expect(card.y + card.props.h).toBeLessThanOrEqual(big.props.h)
    }
    const [a, b] = clusters.map((c) => ({ x: c.x, y: c.y, w: c.props.w, h: c.props.h }))
    expect(overlaps(a!, b!)).toBe(false)
    // Cards of one parent never overlap each other.
    for (const [i, c] of inBig.entries()) {
      for (const d of inBig.slice(i + 1)) {
        expect(
          overlaps({ x: c.x, y: c.y, w: c.props.w, h: c.props.h }, { x: d.x, y: d.y, w: d.props.w, h: d.props.h }),
        ).toBe(false)
      }
    }
  })

  it('places 500 loose ideas without overlaps and changes no existing record except grown clusters', () => {
    const existing = buildCluster(page, 'Alt', 'light-blue', facilitator)
    const plan = planIdeaImport(
      [...page, existing],
      ideas(Array.from({ length: 500 }, (_, i) => `I${i}`).join('\n')),
      facilitator,
    )
    expect(plan.records).toHaveLength(500)
    const boxes = plan.records.filter(isIdeaCard).map((c) => ({ x: c.x, y: c.y, w: c.props.w, h: c.props.h }))
    const cluster = { x: existing.x, y: existing.y, w: existing.props.w, h: existing.props.h }
    expect(boxes.filter((b) => overlaps(b, cluster))).toEqual([])
    expect(new Set(boxes.map((b) => `${b.x},${b.y}`)).size).toBe(500)
  })
})
