import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  serverRoundTrip,
  startTestServer,
  type TestServer,
  type TestWorkshop,
  userIdOf,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

describe('records refused by the server never reach anyone', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  const clients: BoardClient[] = []

  beforeEach(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await t.stop()
  })

  const connect = async (token: string) => {
    const client = await connectClient(t.url, boardId, token)
    clients.push(client)
    return client
  }

  /** Every record id this client has ever seen, so a transient appearance is caught too. */
  const everSeen = (client: BoardClient) => {
    const seen = new Set<string>()
    client.records.on('change', (changes: Map<string, unknown>) => {
      for (const id of changes.keys()) if (client.records.has(id)) seen.add(id)
    })
    return seen
  }

  /** Everything of the board the database holds: the store's view and the raw files. */
  async function persistedBytes(): Promise<Buffer[]> {
    const stored = await t.server.store.loadBoardDocument(boardId)
    const files = readdirSync(t.dataDir)
      .filter((f) => f.startsWith('pinnwand.sqlite'))
      .map((f) => readFileSync(path.join(t.dataDir, f)))
    return [
      ...(stored.snapshot ? [Buffer.from(stored.snapshot)] : []),
      ...stored.updates.map((u) => Buffer.from(u.data)),
      ...files,
    ]
  }

  it('an idea card with 3000 characters and an instance record are reverted everywhere', async () => {
    const ada = await joinParticipant(t.url, workshop)
    const writer = await connect(ada.participantToken)
    const observer = await connect(workshop.facilitatorToken)
    const seenByObserver = everSeen(observer)

    const marker = 'VERBOTEN'
    const tooLong = ideaCard(ada.participantId, marker + 'x'.repeat(3000 - marker.length))
    const instance = { id: 'instance:instance', typeName: 'instance', currentPageId: 'page:page' } as never
    writer.records.set(tooLong.id, tooLong)
    writer.records.set('instance:instance', instance)
    expect(writer.has(tooLong.id)).toBe(true)
    // The server's compensation reaches the writer and removes both records from its copy.
    await waitFor(() => !writer.has(tooLong.id) && !writer.has('instance:instance'), { what: 'revert at writer' })

    // A valid card written afterwards arrives: by then the observer has seen everything before it.
    const fine = ideaCard(ada.participantId, 'erlaubt')
    writer.records.set(fine.id, fine)
    await waitFor(() => observer.has(fine.id), { what: 'valid card at observer' })
    expect(seenByObserver.has(tooLong.id)).toBe(false)
    expect(seenByObserver.has('instance:instance')).toBe(false)

    const fresh = await connect(workshop.facilitatorToken)
    expect(fresh.has(tooLong.id)).toBe(false)
    expect(fresh.has('instance:instance')).toBe(false)
    expect(fresh.texts()).toEqual(['erlaubt'])

    await t.server.rooms.getLoaded(boardId)!.flushAndCompact()
    for (const bytes of await persistedBytes()) expect(bytes.includes(marker)).toBe(false)
  })

  it("a participant cannot forge another author or rewrite someone else's card", async () => {
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const bob = await joinParticipant(t.url, workshop, 'Bob')
    const a = await connect(ada.participantToken)
    const b = await connect(bob.participantToken)
    const seenByB = everSeen(b)

    const forged = ideaCard(bob.participantId, 'GEFÄLSCHT')
    a.records.set(forged.id, forged)
    await waitFor(() => !a.has(forged.id), { what: 'forged card reverted at A' })

    const own = ideaCard(bob.participantId, 'von Bob')
    b.records.set(own.id, own)
    await waitFor(() => a.has(own.id))
    a.records.set(own.id, { ...own, props: { ...own.props, authorId: ada.participantId, text: 'ÜBERNOMMEN' } })
    await waitFor(() => a.card(own.id)?.props.authorId === bob.participantId, { what: 'restore at A' })
    await serverRoundTrip(a.provider)
    // B wrote the last state; it must still be Bob's original.
    expect(b.records.get(own.id)).toEqual(own)
    expect(seenByB.has(forged.id)).toBe(false)
    for (const bytes of await persistedBytes()) {
      expect(bytes.includes('GEFÄLSCHT')).toBe(false)
      expect(bytes.includes('ÜBERNOMMEN')).toBe(false)
    }
  })

  it('a projector receives the board, but its writes are not applied', async () => {
    const facilitatorId = await userIdOf(t.url, workshop.facilitatorToken)
    const projectorId = await userIdOf(t.url, workshop.projectorToken)
    const facilitator = await connect(workshop.facilitatorToken)
    const projector = await connect(workshop.projectorToken)
    const seenByFacilitator = everSeen(facilitator)

    const fromFacilitator = ideaCard(facilitatorId, 'auf dem Beamer')
    facilitator.records.set(fromFacilitator.id, fromFacilitator)
    await waitFor(() => projector.has(fromFacilitator.id), { what: 'card at projector' })

    const fromProjector = ideaCard(projectorId, 'BEAMER-SCHREIBT')
    projector.records.set(fromProjector.id, fromProjector)
    projector.records.delete(fromFacilitator.id)
    // The server has handled (and flushed) whatever the projector sent before this returns.
    await serverRoundTrip(projector.provider)
    const room = t.server.rooms.getLoaded(boardId)!
    expect(room.records.has(fromProjector.id)).toBe(false)
    expect(room.records.has(fromFacilitator.id)).toBe(true)
    // The projector stays connected: read-only is not an offence.
    expect(projector.closes).toEqual([])

    const fresh = await connect(workshop.facilitatorToken)
    expect(fresh.has(fromProjector.id)).toBe(false)
    expect(fresh.has(fromFacilitator.id)).toBe(true)
    expect(seenByFacilitator.has(fromProjector.id)).toBe(false)
    expect(facilitator.has(fromFacilitator.id)).toBe(true)
    await room.flushAndCompact()
    for (const bytes of await persistedBytes()) expect(bytes.includes('BEAMER-SCHREIBT')).toBe(false)
  })
})
