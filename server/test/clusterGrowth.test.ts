import type { ClusterShape } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { createIdea, listIdeas } from '@pinnwand/shared/ideaRoutes'
import { createWorkshop } from '@pinnwand/shared/workshopRoutes'
import { type Box, CARD_GAP, CLUSTER_INSET } from '@pinnwand/shared/placement'
import type { TLRecord } from '@tldraw/tlschema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import {
  type BoardClient,
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
const clusterBox = (record: TLRecord | undefined): Box => {
  const shape = record as ClusterShape
  return { x: shape.x, y: shape.y, w: shape.props.w, h: shape.props.h }
}

/**
 * Issue 13: a facilitator's cluster filled beyond its edge grows on the server, with no
 * facilitator tab open, and the clusters below make way. The Thementisch template has three
 * clusters of 760 × 520 at y = 0, 600 and 1200: each holds two rows of two cards.
 */
describe('clusters grow on the server', () => {
  let t: TestServer
  let workshop: { workshopId: string; joinCode: string; facilitatorToken: string }
  const boardIds: string[] = []

  beforeAll(async () => {
    t = await startTestServer()
    const created = await callApi(
      createWorkshop,
      {
        body: {
          title: 'Quartier 2030',
          boards: [1, 2, 3].map((n) => ({
            title: `Tisch ${n}`,
            question: 'Was brauchen wir?',
            template: 'thementisch' as const,
          })),
        },
      },
      { baseUrl: t.url },
    )
    workshop = {
      workshopId: created.workshop.id,
      joinCode: created.workshop.joinCode,
      facilitatorToken: created.facilitatorToken,
    }
    boardIds.push(...created.boards.map((b) => b.id))
  })
  afterAll(() => t.stop())

  const clustersOf = async (boardId: string) => {
    const listed = await callApi(
      listIdeas,
      { params: { boardId }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    return listed.clusters.map((c) => c.id)
  }
  const join = (name: string) =>
    joinParticipant(t.url, { ...workshop, projectorToken: '', boardIds: [] }, name).then(async (p) => ({
      token: p.participantToken,
      userId: await userIdOf(t.url, p.participantToken),
    }))
  const noClustersOverlap = (client: BoardClient, ids: string[]) => {
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++)
        expect(intersects(clusterBox(client.records.get(ids[i]!)), clusterBox(client.records.get(ids[j]!)))).toBe(false)
  }

  it('grows a cluster filled through the API and pushes the one below down', async () => {
    const [c1, c2, c3] = await clustersOf(boardIds[0]!)
    for (const text of ['Eins', 'Zwei', 'Drei', 'Vier', 'Fünf']) {
      const res = await callRoute(t.url, createIdea, {
        params: { boardId: boardIds[0]! },
        token: workshop.facilitatorToken,
        body: { text, clusterId: c1 },
      })
      expect(res.status).toBe(201)
    }
    // A participant watches; no facilitator tab is open.
    const ada = await join('Ada')
    const watcher = await connectClient(t.url, boardIds[0]!, ada.token)
    const grownHeight = 432 + 160 + CLUSTER_INSET.bottom
    await waitFor(() => (watcher.records.get(c1!) as ClusterShape).props.h === grownHeight, {
      what: 'c1 grown',
      timeout: 15_000,
    })
    await waitFor(() => clusterBox(watcher.records.get(c2!)).y === grownHeight + CARD_GAP, {
      what: 'c2 pushed down',
      timeout: 15_000,
    })
    noClustersOverlap(watcher, [c1!, c2!, c3!])
    watcher.destroy()
  })

  it("grows the facilitator's full cluster when a participant drops a card below its edge", async () => {
    const boardId = boardIds[1]!
    const [c1, c2, c3] = await clustersOf(boardId)
    for (const text of ['Eins', 'Zwei', 'Drei', 'Vier']) {
      const res = await callRoute(t.url, createIdea, {
        params: { boardId },
        token: workshop.facilitatorToken,
        body: { text, clusterId: c2 },
      })
      expect(res.status).toBe(201)
    }
    const ada = await join('Ada')
    const client = await connectClient(t.url, boardId, ada.token)
    // Where her tab puts a card dropped into the full cluster: the next row, below the edge.
    const card = { ...ideaCard(ada.userId, 'Mehr Bänke'), parentId: c2 as never, x: 16, y: 432 }
    client.records.set(card.id, card)
    await serverRoundTrip(client.provider)
    await waitFor(() => (client.records.get(c2!) as ClusterShape).props.h === 432 + 160 + CLUSTER_INSET.bottom, {
      what: 'c2 grown',
      timeout: 15_000,
    })
    await waitFor(() => clusterBox(client.records.get(c3!)).y >= 600 + 432 + 160 + CLUSTER_INSET.bottom + CARD_GAP, {
      what: 'c3 pushed down',
      timeout: 15_000,
    })
    // Her card is where she put it, inside the grown cluster; the cluster above did not move.
    expect(client.card(card.id)).toMatchObject({ parentId: c2, x: 16, y: 432 })
    expect(clusterBox(client.records.get(c1!)).y).toBe(0)
    noClustersOverlap(client, [c1!, c2!, c3!])
    client.destroy()
  })

  it('does not let a card written far below a cluster stretch it across the board', async () => {
    const boardId = boardIds[2]!
    const [c1, c2] = await clustersOf(boardId)
    const eve = await join('Eve')
    const client = await connectClient(t.url, boardId, eve.token)
    const far = { ...ideaCard(eve.userId, 'Weit weg'), parentId: c1 as never, x: 16, y: 50_000 }
    client.records.set(far.id, far)
    // A card that does make the cluster grow, after the far one: when it has grown, the far
    // card was looked at too.
    const near = { ...ideaCard(eve.userId, 'Nah'), parentId: c1 as never, x: 16, y: 600 }
    client.records.set(near.id, near)
    await serverRoundTrip(client.provider)
    await waitFor(() => (client.records.get(c1!) as ClusterShape).props.h === 600 + 160 + CLUSTER_INSET.bottom, {
      what: 'c1 grown to hold the near card only',
      timeout: 15_000,
    })
    expect(client.card(far.id)).toMatchObject({ y: 50_000 })
    expect(clusterBox(client.records.get(c2!)).y).toBe(600 + 160 + CLUSTER_INSET.bottom + CARD_GAP)
    client.destroy()
  })
})
