import { COLLECT_ROLE, type Box } from '@pinnwand/shared/placement'
import type { CreateIdeaResponse, IdeaCardShape } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import { callApi } from '@pinnwand/shared/contract/callApi'
import type { RouteInput } from '@pinnwand/shared/contract/route'
import { createIdea, listIdeas } from '@pinnwand/shared/ideaRoutes'
import { importIdeas } from '@pinnwand/shared/importRoutes'
import { createWorkshop } from '@pinnwand/shared/workshopRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ZONE_INSET } from '../src/domain/placement.ts'
import { callRoute } from './helpers/callRoute.ts'
import {
  connectClient,
  ideaCard,
  joinParticipant,
  serverRoundTrip,
  startTestServer,
  userIdOf,
  type TestServer,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

/** Bounds intersect by more than 2 px both ways (the rehearsal's rule for "overlap"). */
const intersects = (a: Box, b: Box) =>
  Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 2 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 2
const boxOf = (record: TLRecord): Box => {
  const shape = record as IdeaCardShape
  return { x: shape.x, y: shape.y, w: shape.props.w, h: shape.props.h }
}

describe('where API ideas land', () => {
  let t: TestServer
  let workshopId: string
  let joinCode: string
  let facilitatorToken: string
  let boards: { thementisch: string; blank: string }

  beforeAll(async () => {
    t = await startTestServer()
    const created = await callApi(
      createWorkshop,
      {
        body: {
          title: 'Quartier 2030',
          boards: [
            { title: 'Mobilität', question: 'Wie kommen wir zur Arbeit?', template: 'thementisch' },
            { title: 'Frei', template: 'blank' },
          ],
        },
      },
      { baseUrl: t.url },
    )
    workshopId = created.workshop.id
    joinCode = created.workshop.joinCode
    facilitatorToken = created.facilitatorToken
    boards = { thementisch: created.boards[0]!.id, blank: created.boards[1]!.id }
  })
  afterAll(() => t.stop())

  const join = (name: string) =>
    joinParticipant(t.url, { workshopId, joinCode, facilitatorToken, projectorToken: '', boardIds: [] }, name)
  const post = (boardId: string, token: string, body: RouteInput<typeof createIdea>['body']) =>
    callRoute(t.url, createIdea, { params: { boardId }, body, token })
  /** No board here is moderated: a created idea is never held (202). */
  const idOf = (res: { body: unknown }) => (res.body as CreateIdeaResponse).idea.id
  const shapesOf = async (boardId: string) => {
    const client = await connectClient(t.url, boardId, facilitatorToken)
    const shapes = [...client.records.map.values()].map((entry) => entry.val).filter((r) => r.typeName === 'shape')
    client.destroy()
    return shapes
  }

  it('fills the Thementisch collecting area in reading order, without overlaps, from several people at once', async () => {
    const people = await Promise.all(['Ada', 'Grace', 'Linus'].map(join))
    const texts = people.flatMap((p, i) =>
      Array.from({ length: 8 }, (_, n) => ({
        token: p.participantToken,
        text: `Idee ${i}-${n}${n === 3 ? ' mit einem langen Text, '.repeat(6) : ''}`,
      })),
    )
    const posted = await Promise.all(texts.map(({ token, text }) => post(boards.thementisch, token, { text })))
    expect(posted.map((r) => r.status)).toEqual(texts.map(() => 201))

    const shapes = await shapesOf(boards.thementisch)
    const zone = shapes.find((s) => (s.meta as { role?: string }).role === COLLECT_ROLE)!
    expect(zone).toBeDefined()
    const zoneBox = boxOf(zone)
    const others = shapes.filter((s) => s.id !== zone.id && s.type !== 'idea-card')
    const cards = shapes.filter((s) => s.type === 'idea-card')
    expect(cards).toHaveLength(24)
    for (const card of cards) {
      const box = boxOf(card)
      expect(card.parentId).toBe('page:page')
      // Inside the zone's columns, below its label, clear of the clusters and the question.
      expect(box.x).toBeGreaterThanOrEqual(zoneBox.x + ZONE_INSET.side)
      expect(box.x + box.w).toBeLessThanOrEqual(zoneBox.x + zoneBox.w - ZONE_INSET.side)
      expect(box.y).toBeGreaterThanOrEqual(zoneBox.y + ZONE_INSET.top)
      for (const other of others)
        expect(intersects(box, { x: other.x, y: other.y, w: (other.props as { w: number }).w, h: 80 })).toBe(false)
    }
    for (let i = 0; i < cards.length; i++)
      for (let j = i + 1; j < cards.length; j++) expect(intersects(boxOf(cards[i]!), boxOf(cards[j]!))).toBe(false)
    // Reading order: the first card posted takes the zone's first slot.
    const first = cards.find((c) => c.id === idOf(posted[0]!))!
    expect({ x: first.x, y: first.y }).toEqual({ x: zoneBox.x + ZONE_INSET.side, y: zoneBox.y + ZONE_INSET.top })
  })

  it('goes around a card someone placed in the collecting area over the socket', async () => {
    const ada = await join('Ada')
    const adaId = await userIdOf(t.url, ada.participantToken)
    const client = await connectClient(t.url, boards.blank, ada.participantToken)
    const own = { ...ideaCard(adaId, 'Schon da'), x: 30, y: 20 }
    client.records.set(own.id, own)
    await serverRoundTrip(client.provider)
    client.destroy()
    const res = await post(boards.blank, facilitatorToken, { text: 'Neu per API' })
    expect(res.status).toBe(201)
    const shapes = await shapesOf(boards.blank)
    const placed = shapes.find((s) => s.id === idOf(res))!
    // A blank board has no zone: the fixed band from the origin, second slot of the first row.
    expect({ x: placed.x, y: placed.y }).toEqual({ x: 284, y: 0 })
    expect(intersects(boxOf(placed), boxOf(shapes.find((s) => s.id === own.id)!))).toBe(false)
  })

  it("puts an idea for a cluster into that cluster's grid", async () => {
    const listed = await callApi(
      listIdeas,
      { params: { boardId: boards.thementisch }, token: facilitatorToken },
      { baseUrl: t.url },
    )
    const clusterId = listed.clusters[0]!.id
    const ids: string[] = []
    for (const text of ['Erste', 'Zweite', 'Dritte']) {
      const res = await post(boards.thementisch, facilitatorToken, { text, clusterId })
      expect(res.status).toBe(201)
      ids.push(idOf(res))
    }
    const shapes = await shapesOf(boards.thementisch)
    const cards = ids.map((id) => shapes.find((s) => s.id === id)!)
    expect(cards.map((c) => c.parentId)).toEqual([clusterId, clusterId, clusterId])
    expect(cards.map((c) => [c.x, c.y])).toEqual([
      [16, 64],
      [300, 64],
      [16, 248],
    ])
  })

  it('places imported loose ideas in the collecting area too', async () => {
    await callApi(
      importIdeas,
      {
        params: { boardId: boards.thementisch },
        body: { text: 'Radwege\nBusse am Abend\nCarsharing' },
        token: facilitatorToken,
      },
      { baseUrl: t.url },
    )
    await waitFor(
      async () => (await shapesOf(boards.thementisch)).filter((s) => s.type === 'idea-card').length === 30,
      { what: 'import' },
    )
    const shapes = await shapesOf(boards.thementisch)
    const zone = boxOf(shapes.find((s) => (s.meta as { role?: string }).role === COLLECT_ROLE)!)
    const loose = shapes.filter((s) => s.type === 'idea-card' && s.parentId === 'page:page')
    expect(loose).toHaveLength(27)
    for (const card of loose) expect(card.x + (card as IdeaCardShape).props.w).toBeLessThanOrEqual(zone.x + zone.w)
    for (let i = 0; i < loose.length; i++)
      for (let j = i + 1; j < loose.length; j++) expect(intersects(boxOf(loose[i]!), boxOf(loose[j]!))).toBe(false)
  })
})
