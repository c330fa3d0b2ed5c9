import type { TLRecord } from '@tldraw/tlschema'
import { getBoardSchema } from '@pinnwand/shared'
import { describe, expect, it } from 'vitest'
import { validateRecord } from '../sync/recordPolicy.ts'
import { estimateLines, GatheredCard, gatheredCardHeight } from './gatheredCardSize.ts'
import { planPlenaryShortlist, plenaryCardId, plenaryClusterId, type ShortlistedIdea } from './plenaryLayout.ts'

const table = { boardId: 'b_t1', title: 'Mobilität', slot: 0 }
const idea = (id: string, text = `Idee ${id}`, rank: number | null = 1): ShortlistedIdea => ({
  ideaId: `shape:${id}`,
  text,
  color: 'yellow',
  votes: 3,
  rank,
})
const LONG =
  'Geschützte, durchgehende Radwege an der Hauptstraße zwischen Bahnhof und Marktplatz, ' +
  'mit Abstand zu parkenden Autos und sicheren Kreuzungen für Kinder, die allein zur Schule fahren.'

type Box = TLRecord & {
  type: string
  x: number
  y: number
  parentId: string
  props: { w: number; h: number; text?: string }
}

/** Applies a plan to a record list, as the gatherer does in the plenary's room. */
function apply(records: TLRecord[], plan: ReturnType<typeof planPlenaryShortlist>): TLRecord[] {
  const byId = new Map(records.map((r) => [r.id as string, r]))
  for (const id of plan.remove) byId.delete(id)
  for (const r of plan.put) byId.set(r.id, r)
  return [...byId.values()]
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.props.w && b.x < a.x + a.props.w && a.y < b.y + b.props.h && b.y < a.y + a.props.h

describe('planPlenaryShortlist', () => {
  it('writes one cluster per table with a valid card per idea carrying table, rank and points, no author', () => {
    const plan = planPlenaryShortlist(table, [idea('a'), idea('b', 'Idee b', 2)], [], 'f_1', 1000)
    expect(plan.remove).toEqual([])
    const [cluster, ...cards] = plan.put
    expect(cluster).toMatchObject({
      id: plenaryClusterId('b_t1'),
      type: 'cluster',
      props: { title: 'Mobilität' },
      meta: { shortlist: { boardId: 'b_t1', tableNumber: 1 } },
    })
    expect(cards.map((c) => (c as Box).props.text)).toEqual(['Idee a', 'Idee b'])
    expect(cards[1]).toMatchObject({
      id: plenaryCardId('b_t1', 'shape:b'),
      parentId: cluster!.id,
      meta: {
        createdBy: 'f_1',
        shortlist: {
          boardId: 'b_t1',
          ideaId: 'shape:b',
          table: 'Mobilität',
          tableNumber: 1,
          votes: 3,
          rank: 2,
          position: 2,
        },
      },
      // The author's name is not printed over a gathered idea: it speaks for its table.
      props: { author: '', authorId: 'f_1', w: GatheredCard.width },
    })
    const schema = getBoardSchema()
    for (const record of plan.put) expect(validateRecord(record.id, record, undefined, schema)).toBeNull()
  })

  it('sizes every card to its text and lays them out without overlap, inside the cluster', () => {
    const ideas = [idea('a', LONG), idea('b', 'Kurz'), idea('c', LONG + ' ' + LONG), idea('d', 'Nachtbus')]
    const [cluster, ...cards] = planPlenaryShortlist(table, ideas, [], 'f', 0).put as Box[]
    const [long, short, longer] = cards
    expect(short!.props.h).toBe(GatheredCard.minHeight)
    expect(long!.props.h).toBeGreaterThan(short!.props.h)
    expect(longer!.props.h).toBeGreaterThan(long!.props.h)
    for (const [i, a] of cards.entries()) {
      for (const b of cards.slice(i + 1)) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false)
      expect(a.y + a.props.h).toBeLessThanOrEqual(cluster!.props.h)
      expect(a.x + a.props.w).toBeLessThanOrEqual(cluster!.props.w)
    }
  })

  it('updates, adds and removes only its own table’s records, keeping positions the plenary chose', () => {
    const other = planPlenaryShortlist({ ...table, boardId: 'b_t2', slot: 1 }, [idea('z')], [], 'f_1', 1000)
    let records = apply([], other)
    records = apply(records, planPlenaryShortlist(table, [idea('a'), idea('b')], records, 'f_1', 1000))
    // The plenary's facilitator moves card a and the cluster.
    records = records.map((r) => {
      if (r.id === plenaryCardId('b_t1', 'shape:a')) return { ...r, x: 500, y: 300 } as TLRecord
      if (r.id === plenaryClusterId('b_t1')) return { ...r, x: 2000, y: 900 } as TLRecord
      return r
    })
    const plan = planPlenaryShortlist(table, [idea('a', 'Idee a, neu formuliert'), idea('c')], records, 'f_1', 2000)
    expect(plan.remove).toEqual([plenaryCardId('b_t1', 'shape:b')])
    records = apply(records, plan)
    const byId = new Map(records.map((r) => [r.id as string, r as Box]))
    expect(byId.get(plenaryCardId('b_t1', 'shape:a'))).toMatchObject({
      x: 500,
      y: 300,
      props: { text: 'Idee a, neu formuliert' },
    })
    expect(byId.get(plenaryClusterId('b_t1'))).toMatchObject({ x: 2000, y: 900 })
    const c = byId.get(plenaryCardId('b_t1', 'shape:c'))!
    expect(overlap(c, byId.get(plenaryCardId('b_t1', 'shape:a'))!)).toBe(false)
    // The other table's records are untouched.
    expect(byId.get(plenaryCardId('b_t2', 'shape:z'))).toEqual(other.put[1])
  })

  it('keeps unmoved cards in shortlist order when the order changes', () => {
    let records = apply([], planPlenaryShortlist(table, [idea('a'), idea('b')], [], 'f', 0))
    const first = new Map(records.map((r) => [r.id as string, r as Box]))
    records = apply(records, planPlenaryShortlist(table, [idea('b'), idea('a')], records, 'f', 1))
    const now = new Map(records.map((r) => [r.id as string, r as Box]))
    const slotA = first.get(plenaryCardId('b_t1', 'shape:a'))!
    expect(now.get(plenaryCardId('b_t1', 'shape:b'))).toMatchObject({ x: slotA.x, y: slotA.y })
  })

  it('removes the table’s cluster when its shortlist is empty', () => {
    const records = apply([], planPlenaryShortlist(table, [idea('a')], [], 'f_1', 1000))
    const plan = planPlenaryShortlist(table, [], records, 'f_1', 2000)
    expect(plan.put).toEqual([])
    expect(plan.remove.sort()).toEqual([plenaryCardId('b_t1', 'shape:a'), plenaryClusterId('b_t1')].sort())
  })

  it('places tables in separate slots, a second row below the tallest cluster of the first', () => {
    let records: TLRecord[] = []
    for (const slot of [0, 1, 2]) {
      const ideas = slot === 1 ? [idea('a', LONG + LONG), idea('b'), idea('c'), idea('d', LONG)] : [idea('a')]
      records = apply(records, planPlenaryShortlist({ ...table, boardId: `t${slot}`, slot }, ideas, records, 'f', 0))
    }
    const fourth = planPlenaryShortlist({ ...table, boardId: 't3', slot: 3 }, [idea('a')], records, 'f', 0)
      .put[0] as Box
    const clusters = records.filter(
      (r) => r.id.startsWith('shape:shortlist_') && (r as Box).type === 'cluster',
    ) as Box[]
    expect(clusters).toHaveLength(3)
    for (const [i, a] of clusters.entries()) {
      for (const b of [...clusters.slice(i + 1), fourth]) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false)
    }
    expect(fourth.x).toBe(clusters[0]!.x)
  })
})

describe('gathered card size', () => {
  it('estimates wrapped lines on the generous side', () => {
    expect(estimateLines('Nachtbus', 268, 22)).toBe(1)
    expect(estimateLines('eins\nzwei\n\ndrei', 268, 22)).toBe(4)
    // 200 characters at ~12 px each on a 268 px line: at least 9 lines.
    expect(estimateLines(LONG.slice(0, 200), 268, 22)).toBeGreaterThanOrEqual(9)
    // One unbroken word wraps inside.
    expect(estimateLines('x'.repeat(100), 268, 22)).toBeGreaterThanOrEqual(5)
  })

  it('never drops below the card’s minimum and grows with the text', () => {
    expect(gatheredCardHeight('')).toBe(GatheredCard.minHeight)
    expect(gatheredCardHeight(LONG)).toBeGreaterThan(GatheredCard.minHeight)
  })
})
