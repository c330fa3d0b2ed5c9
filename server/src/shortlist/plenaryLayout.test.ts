import type { TLRecord } from '@tldraw/tlschema'
import { getBoardSchema } from '@pinnwand/shared'
import { describe, expect, it } from 'vitest'
import { validateRecord } from '../sync/recordPolicy.ts'
import { planPlenaryShortlist, plenaryCardId, plenaryClusterId, type ShortlistedIdea } from './plenaryLayout.ts'

const table = { boardId: 'b_t1', title: 'Tisch 1: Mobilität', slot: 0 }
const idea = (id: string, text = `Idee ${id}`): ShortlistedIdea => ({
  ideaId: `shape:${id}`,
  text,
  author: 'Ada',
  color: 'yellow',
  votes: 3,
})

/** Applies a plan to a record list, as the gatherer does in the plenary's room. */
function apply(records: TLRecord[], plan: ReturnType<typeof planPlenaryShortlist>): TLRecord[] {
  const byId = new Map(records.map((r) => [r.id as string, r]))
  for (const id of plan.remove) byId.delete(id)
  for (const r of plan.put) byId.set(r.id, r)
  return [...byId.values()]
}

describe('planPlenaryShortlist', () => {
  it('writes one cluster titled by table with a valid card per idea, linked to its source', () => {
    const plan = planPlenaryShortlist(table, [idea('a'), idea('b')], [], 'f_1', 1000)
    expect(plan.remove).toEqual([])
    const [cluster, ...cards] = plan.put
    expect(cluster).toMatchObject({
      id: plenaryClusterId('b_t1'),
      type: 'cluster',
      props: { title: 'Tisch 1: Mobilität' },
    })
    expect(cards.map((c) => (c as { props: { text: string } }).props.text)).toEqual(['Idee a', 'Idee b'])
    expect(cards[0]).toMatchObject({
      id: plenaryCardId('b_t1', 'shape:a'),
      parentId: cluster!.id,
      meta: { createdBy: 'f_1', shortlist: { boardId: 'b_t1', ideaId: 'shape:a', votes: 3 } },
      props: { author: 'Ada', authorId: 'f_1' },
    })
    const schema = getBoardSchema()
    for (const record of plan.put) expect(validateRecord(record.id, record, undefined, schema)).toBeNull()
    // Cards do not overlap.
    expect(new Set(cards.map((c) => `${(c as { x: number }).x},${(c as { y: number }).y}`)).size).toBe(2)
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
    const byId = new Map(records.map((r) => [r.id as string, r as TLRecord & { x: number; y: number; props: any }]))
    expect(byId.get(plenaryCardId('b_t1', 'shape:a'))).toMatchObject({
      x: 500,
      y: 300,
      props: { text: 'Idee a, neu formuliert' },
    })
    expect(byId.get(plenaryClusterId('b_t1'))).toMatchObject({ x: 2000, y: 900 })
    expect(byId.has(plenaryCardId('b_t1', 'shape:c'))).toBe(true)
    // The other table's records are untouched.
    expect(byId.get(plenaryCardId('b_t2', 'shape:z'))).toEqual(other.put[1])
  })

  it('removes the table’s cluster when its shortlist is empty', () => {
    const records = apply([], planPlenaryShortlist(table, [idea('a')], [], 'f_1', 1000))
    const plan = planPlenaryShortlist(table, [], records, 'f_1', 2000)
    expect(plan.put).toEqual([])
    expect(plan.remove.sort()).toEqual([plenaryCardId('b_t1', 'shape:a'), plenaryClusterId('b_t1')].sort())
  })

  it('places tables in separate slots', () => {
    const a = planPlenaryShortlist(table, [idea('a')], [], 'f', 0).put[0] as unknown as { x: number; y: number }
    const b = planPlenaryShortlist({ ...table, boardId: 'x', slot: 1 }, [idea('a')], [], 'f', 0).put[0] as unknown as {
      x: number
      y: number
    }
    const d = planPlenaryShortlist({ ...table, boardId: 'y', slot: 3 }, [idea('a')], [], 'f', 0).put[0] as unknown as {
      x: number
      y: number
    }
    expect(b.x).toBeGreaterThan(a.x + 700)
    expect(d.y).toBeGreaterThan(a.y + 400)
  })
})
