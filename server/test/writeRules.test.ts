import type { TLRecord } from '@tldraw/tlschema'
import { ErrorCode } from '@pinnwand/shared'
import { setBoardLock } from '@pinnwand/shared/boardRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { exportBoard } from '@pinnwand/shared/exportRoutes'
import { createIdea, listIdeas } from '@pinnwand/shared/ideaRoutes'
import { importBoard } from '@pinnwand/shared/importRoutes'
import { closeRound } from '@pinnwand/shared/votingRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { openRound } from './votingHelpers.ts'

/** `{ a: { a: … } }`, `levels` objects deep, built without recursion. */
function nested(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  let current = root
  for (let i = 1; i < levels; i++) {
    const next: Record<string, unknown> = {}
    current.a = next
    current = next
  }
  return root
}

/**
 * Every write path follows the rules the room applies to socket writes (recordPolicy.ts): the
 * ideas API refuses what the socket refuses, and imports refuse what no client could write.
 */
describe('one set of rules on every write path', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let ada: { participantId: string; participantToken: string }
  const clients: BoardClient[] = []

  beforeAll(async () => {
    t = await startTestServer({ LOG_LEVEL: 'error' })
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    ada = await joinParticipant(t.url, workshop, 'Ada')
  })
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await t.stop()
  })

  const ideas = async () =>
    (await callApi(listIdeas, { params: { boardId }, token: workshop.facilitatorToken }, { baseUrl: t.url })).ideas
  const postIdea = (token: string, text: string) =>
    callRoute(t.url, createIdea, { params: { boardId }, body: { text }, token })
  const lock = (locked: boolean) =>
    callRoute(t.url, setBoardLock, { params: { boardId }, body: { locked }, token: workshop.facilitatorToken })

  it('refuses a participant’s idea over the API while the board is locked, as the socket does', async () => {
    expect((await lock(true)).status).toBe(200)
    try {
      const refused = await postIdea(ada.participantToken, 'trotz Sperre')
      expect(refused.status).toBe(409)
      expect(refused.body.error?.code).toBe(ErrorCode.boardLocked)
      expect(refused.body.error?.message).toMatch(/locked/)
      // The socket refuses the same card: the room reverts it.
      const writer = await connectClient(t.url, boardId, ada.participantToken)
      clients.push(writer)
      const card = ideaCard(ada.participantId, 'trotz Sperre per Socket')
      writer.records.set(card.id, card)
      await waitFor(() => !writer.has(card.id), { what: 'revert at writer' })
      // The facilitator moderates on a locked board.
      expect((await postIdea(workshop.facilitatorToken, 'Moderation darf')).status).toBe(201)
    } finally {
      await lock(false)
    }
    const texts = (await ideas()).map((i) => i.text)
    expect(texts).toContain('Moderation darf')
    expect(texts.some((text) => text.startsWith('trotz Sperre'))).toBe(false)
    expect((await postIdea(ada.participantToken, 'wieder offen')).status).toBe(201)
  })

  it('refuses a participant’s idea over the API while a voting round is open', async () => {
    const round = await openRound(t.url, { workshop, boardId, ideaIds: [] }, { dotsPerParticipant: 3 })
    try {
      const refused = await postIdea(ada.participantToken, 'während der Runde')
      expect(refused.status).toBe(409)
      expect(refused.body.error?.code).toBe(ErrorCode.boardLocked)
    } finally {
      const closed = await callRoute(t.url, closeRound, {
        params: { roundId: round },
        token: workshop.facilitatorToken,
      })
      expect(closed.status).toBeLessThan(300)
    }
    expect((await ideas()).map((i) => i.text)).not.toContain('während der Runde')
  })

  it('reverts a participant’s own card with meta nested 3,000 levels, and one signed with another name', async () => {
    const writer = await connectClient(t.url, boardId, ada.participantToken)
    const observer = await connectClient(t.url, boardId, workshop.facilitatorToken)
    clients.push(writer, observer)
    const deep = { ...ideaCard(ada.participantId, 'tief verschachtelt'), meta: nested(3000) }
    const forgedName = ideaCard(ada.participantId, 'von der Moderation?', { author: 'Moderation' })
    writer.records.set(deep.id, deep as TLRecord)
    writer.records.set(forgedName.id, forgedName)
    await waitFor(() => !writer.has(deep.id) && !writer.has(forgedName.id), { what: 'revert at writer' })
    const fine = ideaCard(ada.participantId, 'flach')
    writer.records.set(fine.id, fine)
    await waitFor(() => observer.has(fine.id), { what: 'valid card at observer' })
    expect(observer.has(deep.id)).toBe(false)
    expect(observer.has(forgedName.id)).toBe(false)
    const room = t.server.rooms.getLoaded(boardId)!
    expect(room.records.get(deep.id)).toBeUndefined()
    expect(room.records.get(fine.id)).toBeDefined()
    // Exports keep working (they would answer 500 with the deep card on the board).
    const exported = await callRoute(t.url, exportBoard, {
      params: { boardId },
      query: { format: 'md' },
      token: workshop.facilitatorToken,
    })
    expect(exported.status).toBe(200)
  })

  it("reverts a move of someone else's card to a missing parent or far away, and an outside image", async () => {
    const bob = await joinParticipant(t.url, workshop, 'Bob')
    const author = await connectClient(t.url, boardId, ada.participantToken)
    const mover = await connectClient(t.url, boardId, bob.participantToken)
    clients.push(author, mover)
    const card = ideaCard(ada.participantId, 'wird verschoben')
    author.records.set(card.id, card)
    await waitFor(() => mover.has(card.id), { what: 'card at mover' })
    mover.records.set(card.id, { ...card, parentId: 'shape:doesnotexist' as never })
    await waitFor(() => mover.card(card.id)?.parentId === 'page:page', { what: 'parent reverted' })
    mover.records.set(card.id, { ...card, x: 1e12 })
    await waitFor(() => mover.card(card.id)?.x === card.x, { what: 'x reverted' })
    const pixel = {
      id: 'asset:pixel',
      typeName: 'asset',
      type: 'image',
      props: {
        name: 'p.png',
        src: 'https://tracker.example/p.png',
        w: 1,
        h: 1,
        mimeType: 'image/png',
        isAnimated: false,
      },
      meta: {},
    }
    mover.records.set(pixel.id, pixel as never)
    await waitFor(() => !mover.has(pixel.id), { what: 'asset reverted' })
    // A move within the limits stands.
    mover.records.set(card.id, { ...card, x: 500_000 })
    await waitFor(() => author.card(card.id)?.x === 500_000, { what: 'move at author' })
    expect(author.has(pixel.id)).toBe(false)
  })

  describe('board import', () => {
    let backup: { document: { records: Record<string, unknown>[] } }

    beforeAll(async () => {
      expect((await postIdea(workshop.facilitatorToken, 'Karte im Backup')).status).toBe(201)
      const file = await callApi(
        exportBoard,
        { params: { boardId }, query: { format: 'json' }, token: workshop.facilitatorToken },
        { baseUrl: t.url },
      )
      backup = JSON.parse(await file.text())
    })

    const importWith = (change: (records: Record<string, unknown>[]) => Record<string, unknown>[]) => {
      const body = structuredClone(backup)
      body.document.records = change(body.document.records)
      return callRoute(t.url, importBoard, {
        params: { workshopId: workshop.workshopId },
        token: workshop.facilitatorToken,
        body,
      })
    }
    const firstCard = (records: Record<string, unknown>[]) =>
      records.find((r) => r.typeName === 'shape' && r.type === 'idea-card')!

    it('imports the unchanged backup', async () => {
      expect((await importWith((records) => records)).status).toBe(201)
    })

    it('refuses a record with meta nested 3,000 levels with a clear 400', async () => {
      const res = await importWith((records) => {
        firstCard(records).meta = nested(3000)
        return records
      })
      expect(res.status).toBe(400)
      expect(res.body.error?.code).toBe('invalid_board_export')
      expect(res.body.error?.message).toMatch(/record shape:.*meta nested deeper than 32 levels/)
    })

    it('refuses a 7 MB author name with a clear 400', async () => {
      const res = await importWith((records) => {
        ;(firstCard(records).props as Record<string, unknown>).author = 'A'.repeat(7 * 1024 * 1024)
        return records
      })
      expect(res.status).toBe(400)
      expect(res.body.error?.message).toMatch(/author name is longer than 60 characters/)
    })

    it('refuses a record id __proto__ instead of dropping it silently', async () => {
      const res = await importWith((records) => [...records, { ...firstCard(records), id: '__proto__' }])
      expect(res.status).toBe(400)
      expect(res.body.error?.message).toMatch(/"__proto__" is not a record id/)
    })

    it('refuses a card whose parent is not on the board, and an outside image', async () => {
      const orphan = await importWith((records) => {
        firstCard(records).parentId = 'shape:doesnotexist'
        return records
      })
      expect(orphan.status).toBe(400)
      expect(orphan.body.error?.message).toMatch(/parent must be/)
      const tracker = await importWith((records) => [
        ...records,
        {
          id: 'asset:pixel',
          typeName: 'asset',
          type: 'image',
          props: {
            name: 'p.png',
            src: 'https://tracker.example/p.png',
            w: 1,
            h: 1,
            mimeType: 'image/png',
            isAnimated: false,
          },
          meta: {},
        },
      ])
      expect(tracker.status).toBe(400)
      expect(tracker.body.error?.message).toMatch(/asset src must be an image uploaded to this board/)
    })
  })
})
