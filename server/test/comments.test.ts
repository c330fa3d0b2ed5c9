import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import {
  type BoardComment,
  buildComment,
  type CreateIdeaResponse,
  getCommentsMap,
  Limits,
  readComments,
} from '@pinnwand/shared'
import { setBoardLock } from '@pinnwand/shared/boardRoutes'
import { listComments } from '@pinnwand/shared/commentRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { createIdea } from '@pinnwand/shared/ideaRoutes'
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
import { callRoute } from './helpers/callRoute.ts'
import { waitFor } from './helpers/waitFor.ts'

/** Comments written by real y-websocket clients straight into the board document. */
describe('comments in the board document', () => {
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

  const commentsOf = (client: BoardClient) => readComments(client.doc)
  const write = (client: BoardClient, comment: BoardComment) => getCommentsMap(client.doc).set(comment.id, comment)

  /** Every comment id this client has ever held, so a transient appearance is caught too. */
  const everSeen = (client: BoardClient) => {
    const seen = new Set<string>()
    getCommentsMap(client.doc).observe((event) => {
      for (const key of event.keysChanged) if (getCommentsMap(client.doc).has(key)) seen.add(key)
    })
    return seen
  }

  /** Everything of the board the database holds: the store's view and the raw files. */
  async function persistedBytes(): Promise<Buffer[]> {
    await t.server.rooms.getLoaded(boardId)?.flushAndCompact()
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

  /** A card by the facilitator that everybody comments on. */
  async function cardOnBoard(): Promise<string> {
    const res = await callRoute(t.url, createIdea, {
      params: { boardId },
      token: workshop.facilitatorToken,
      body: { text: 'Mehr Grünflächen' },
    })
    expect(res.status).toBe(201)
    return (res.body as CreateIdeaResponse).idea.id
  }

  it('20 clients commenting on one card at the same moment: all 20 survive everywhere, also after a restart', async () => {
    const ideaId = await cardOnBoard()
    const people = await Promise.all(
      Array.from({ length: 20 }, (_, i) => joinParticipant(t.url, workshop, `Person ${i + 1}`)),
    )
    const writers = await Promise.all(people.map((p) => connect(p.participantToken)))
    // Every client writes before any of them can have received another's comment.
    writers.forEach((client, i) =>
      write(
        client,
        buildComment({
          ideaId,
          text: `Kommentar ${i + 1}`,
          author: { userId: people[i]!.participantId, name: `Person ${i + 1}` },
          now: 1_000 + i,
        }),
      ),
    )
    const expected = Array.from({ length: 20 }, (_, i) => `Kommentar ${i + 1}`).sort()
    const texts = (client: BoardClient) =>
      commentsOf(client)
        .filter((c) => c.ideaId === ideaId)
        .map((c) => c.text)
        .sort()
    for (const client of writers) {
      await waitFor(() => texts(client).length === 20, { what: 'all 20 comments at every client', timeout: 15_000 })
      expect(texts(client)).toEqual(expected)
    }
    const thread = await callApi(
      listComments,
      { params: { boardId, ideaId }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    expect(thread.comments.map((c) => c.text).sort()).toEqual(expected)

    for (const c of clients.splice(0)) c.destroy()
    await t.server.close()
    t = { ...t, ...(await startTestServer({ DATA_DIR: t.dataDir })) }
    const fresh = await connect(workshop.facilitatorToken)
    expect(texts(fresh)).toEqual(expected)
  })

  it('forged authors, oversize text and comments on missing cards are reverted and reach no one', async () => {
    const ideaId = await cardOnBoard()
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const bob = await joinParticipant(t.url, workshop, 'Bob')
    const writer = await connect(ada.participantToken)
    const observer = await connect(bob.participantToken)
    const seenByObserver = everSeen(observer)
    const asAda = { userId: ada.participantId, name: 'Ada' }

    const refused = [
      // Bob's id under Ada's socket.
      buildComment({ ideaId, text: 'GEFÄLSCHT-ID', author: { userId: bob.participantId, name: 'Bob' } }),
      // Ada's id with someone else's name.
      buildComment({ ideaId, text: 'GEFÄLSCHT-NAME', author: { userId: ada.participantId, name: 'Moderation' } }),
      { ...buildComment({ ideaId, text: 'x', author: asAda }), text: 'ZU-LANG' + 'x'.repeat(Limits.commentTextMax) },
      buildComment({ ideaId: 'shape:does-not-exist', text: 'OHNE-KARTE', author: asAda }),
      { ...buildComment({ ideaId, text: 'EXTRA-FELD', author: asAda }), html: '<img src=x onerror=alert(1)>' },
    ]
    for (const comment of refused) write(writer, comment as BoardComment)
    expect(commentsOf(writer)).toHaveLength(3) // the schema-valid ones, before the server answered
    await waitFor(() => getCommentsMap(writer.doc).size === 0, { what: 'reverted at the writer' })

    const fine = buildComment({ ideaId, text: 'erlaubt', author: asAda })
    write(writer, fine)
    await waitFor(() => commentsOf(observer).some((c) => c.id === fine.id), { what: 'valid comment at observer' })
    for (const comment of refused) expect(seenByObserver.has(comment.id)).toBe(false)
    expect(writer.closes).toEqual([])

    const fresh = await connect(workshop.facilitatorToken)
    expect(commentsOf(fresh).map((c) => c.text)).toEqual(['erlaubt'])
    for (const bytes of await persistedBytes()) {
      for (const marker of ['GEFÄLSCHT-ID', 'GEFÄLSCHT-NAME', 'ZU-LANG', 'OHNE-KARTE', 'EXTRA-FELD']) {
        expect(bytes.includes(marker), marker).toBe(false)
      }
    }
  })

  it("deleting someone else's comment is reverted; the author and the facilitator may delete", async () => {
    const ideaId = await cardOnBoard()
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const bob = await joinParticipant(t.url, workshop, 'Bob')
    const a = await connect(ada.participantToken)
    const b = await connect(bob.participantToken)
    const facilitator = await connect(workshop.facilitatorToken)
    const adas = buildComment({ ideaId, text: 'von Ada', author: { userId: ada.participantId, name: 'Ada' } })
    const second = buildComment({ ideaId, text: 'auch von Ada', author: { userId: ada.participantId, name: 'Ada' } })
    write(a, adas)
    write(a, second)
    await waitFor(() => commentsOf(b).length === 2 && commentsOf(facilitator).length === 2)

    // Ada's copy must hold the comment after every change it receives.
    const gapsAtAda: number[] = []
    getCommentsMap(a.doc).observe(() => {
      if (!getCommentsMap(a.doc).has(adas.id)) gapsAtAda.push(Date.now())
    })
    getCommentsMap(b.doc).delete(adas.id)
    await waitFor(() => getCommentsMap(b.doc).has(adas.id), { what: 'delete reverted at Bob' })
    await serverRoundTrip(b.provider)
    await serverRoundTrip(a.provider)
    expect(gapsAtAda).toEqual([])
    expect(
      commentsOf(a)
        .map((c) => c.text)
        .sort(),
    ).toEqual(['auch von Ada', 'von Ada'])
    expect(b.closes).toEqual([])

    getCommentsMap(a.doc).delete(adas.id)
    await waitFor(() => !getCommentsMap(b.doc).has(adas.id), { what: 'own delete reaches Bob' })
    getCommentsMap(facilitator.doc).delete(second.id)
    await waitFor(() => getCommentsMap(a.doc).size === 0 && getCommentsMap(b.doc).size === 0, {
      what: 'facilitator delete reaches everyone',
    })
  })

  it('a projector cannot comment; a locked board stops participants but not the facilitator', async () => {
    const ideaId = await cardOnBoard()
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const projectorId = await userIdOf(t.url, workshop.projectorToken)
    const facilitatorId = await userIdOf(t.url, workshop.facilitatorToken)
    const projector = await connect(workshop.projectorToken)
    const a = await connect(ada.participantToken)
    const facilitator = await connect(workshop.facilitatorToken)
    const seenByFacilitator = everSeen(facilitator)

    const fromProjector = buildComment({ ideaId, text: 'BEAMER', author: { userId: projectorId, name: 'Beamer' } })
    write(projector, fromProjector)
    await serverRoundTrip(projector.provider)
    expect(readComments(t.server.rooms.getLoaded(boardId)!.doc)).toEqual([])

    const lock = await callRoute(t.url, setBoardLock, {
      params: { boardId },
      token: workshop.facilitatorToken,
      body: { locked: true },
    })
    expect(lock.status).toBe(200)
    const whileLocked = buildComment({ ideaId, text: 'GESPERRT', author: { userId: ada.participantId, name: 'Ada' } })
    write(a, whileLocked)
    await waitFor(() => getCommentsMap(a.doc).size === 0, { what: 'locked comment reverted at Ada' })
    const byFacilitator = buildComment({
      ideaId,
      text: 'Moderation darf',
      author: { userId: facilitatorId, name: 'Moderation' },
    })
    write(facilitator, byFacilitator)
    await waitFor(() => commentsOf(a).some((c) => c.id === byFacilitator.id), { what: 'facilitator comment at Ada' })
    expect(seenByFacilitator.has(fromProjector.id)).toBe(false)
    expect(seenByFacilitator.has(whileLocked.id)).toBe(false)
    for (const bytes of await persistedBytes()) {
      expect(bytes.includes('BEAMER')).toBe(false)
      expect(bytes.includes('GESPERRT')).toBe(false)
    }
  })

  it('editing a comment in place is a foreign write: the connection is closed and nothing changes', async () => {
    const ideaId = await cardOnBoard()
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const a = await connectClient(t.url, boardId, ada.participantToken)
    clients.push(a)
    const observer = await connect(workshop.facilitatorToken)
    const comment = buildComment({ ideaId, text: 'Original', author: { userId: ada.participantId, name: 'Ada' } })
    write(a, comment)
    await waitFor(() => commentsOf(observer).length === 1)
    write(a, { ...comment, text: 'ÜBERSCHRIEBEN' })
    await waitFor(() => a.closes.some((c) => c.code === 4422), { what: '4422 for the edit' })
    await serverRoundTrip(observer.provider)
    expect(commentsOf(observer).map((c) => c.text)).toEqual(['Original'])
  })

  it('comments of a deleted card stay in the document (a restore may bring the card back)', async () => {
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const a = await connect(ada.participantToken)
    const card = ideaCard(ada.participantId, 'bald weg')
    a.records.set(card.id, card)
    const comment = buildComment({
      ideaId: card.id,
      text: 'hängt dran',
      author: { userId: ada.participantId, name: 'Ada' },
    })
    write(a, comment)
    await serverRoundTrip(a.provider)
    a.records.delete(card.id)
    await serverRoundTrip(a.provider)
    const fresh = await connect(workshop.facilitatorToken)
    expect(fresh.has(card.id)).toBe(false)
    expect(commentsOf(fresh).map((c) => c.id)).toEqual([comment.id])
    const thread = await callRoute(t.url, listComments, {
      params: { boardId, ideaId: card.id },
      token: workshop.facilitatorToken,
    })
    expect(thread.status).toBe(404)
    expect(thread.body.error?.code).toBe('idea_not_found')
  })
})
