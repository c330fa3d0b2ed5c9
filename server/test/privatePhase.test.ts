import type { IdeaCardShape } from '@pinnwand/shared'
import * as routes from '@pinnwand/shared/privatePhaseRoutes'
import type { BulkAction } from '@pinnwand/shared/controlApi'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as controlRoutes from '@pinnwand/shared/controlRoutes'
import * as exportRoutes from '@pinnwand/shared/exportRoutes'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { callRoute } from './helpers/callRoute.ts'
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
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { recordingClient } from './helpers/recordingClient.ts'
import type { PrivateCardStore } from '../src/privatePhase/PrivateCardStore.ts'

describe('Stilles Sammeln: private cards until the reveal', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let ada: { participantId: string; participantToken: string }
  let ben: { participantId: string; participantToken: string }
  const closeLater: { destroy(): void }[] = []
  const privateCards = () => (t.server.store as unknown as { privateCards: PrivateCardStore }).privateCards

  beforeEach(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    ada = await joinParticipant(t.url, workshop, 'Ada Verborgen')
    ben = await joinParticipant(t.url, workshop, 'Ben')
  })
  afterEach(async () => {
    for (const c of closeLater.splice(0)) c.destroy()
    await t.stop()
  })

  const start = (facilitatorSeesTexts = false) =>
    callRoute(t.url, routes.startPrivatePhase, {
      params: { boardId },
      body: { facilitatorSeesTexts },
      token: workshop.facilitatorToken,
    })
  const write = (token: string, text: string) =>
    callRoute(t.url, routes.createPrivateCard, { params: { boardId }, body: { text }, token })
  const listFor = (token?: string) => callRoute(t.url, routes.listPrivateCards, { params: { boardId }, token })
  const reveal = (anonymous: boolean) =>
    callRoute(t.url, routes.revealPrivateCards, {
      params: { boardId },
      body: { anonymous },
      token: workshop.facilitatorToken,
    })
  const record = async (token: string) => {
    const client = await recordingClient(t.url, boardId, token)
    closeLater.push(client)
    return client
  }
  const connect = async (token: string) => {
    const client = await connectClient(t.url, boardId, token)
    closeLater.push(client)
    return client
  }

  it('sends a hidden text to nobody but its author, counts it for everyone, and reveals it to all', async () => {
    const benSocket = await record(ben.participantToken)
    const projector = await record(workshop.projectorToken)
    expect((await start()).status).toBe(200)
    await waitFor(() => benSocket.latest().privatePhase !== null && benSocket.latest().privatePhase !== undefined)

    const secret = 'GEHEIM-Quartiersgarten-7f3a'
    const created = await write(ada.participantToken, secret)
    expect(created.status).toBe(201)
    expect(created.body.card.text).toBe(secret)
    await waitFor(() => (benSocket.latest().privatePhase as { cards?: number } | null)?.cards === 1, {
      what: 'the count reaches the others',
    })
    await write(ada.participantToken, 'Zweite Idee von Ada')

    // Ada reads her own cards; Ben, the projector and a facilitator who chose not to see read none.
    const own = await listFor(ada.participantToken)
    expect(own.body.cards.map((c: { text: string }) => c.text)).toEqual([secret, 'Zweite Idee von Ada'])
    for (const token of [ben.participantToken, workshop.projectorToken, workshop.facilitatorToken]) {
      const other = await listFor(token)
      expect(other.status).toBe(200)
      expect(other.body.phase?.cards).toBe(2)
      expect(JSON.stringify(other.body)).not.toContain('GEHEIM')
    }
    // Someone else's card cannot be changed or deleted, and nothing changes trying.
    const cardId = created.body.card.id
    const patch = await callRoute(t.url, routes.updatePrivateCard, {
      params: { boardId, cardId },
      body: { text: 'übernommen' },
      token: ben.participantToken,
    })
    expect(patch.status).toBe(404)
    expect(patch.body.error?.code).toBe('private_card_not_found')
    const removed = await callRoute(t.url, routes.deletePrivateCard, {
      params: { boardId, cardId },
      token: ben.participantToken,
    })
    expect(removed.status).toBe(404)
    expect((await listFor(ada.participantToken)).body.cards[0]?.text).toBe(secret)

    // The whole time, not one frame to Ben or the projector carried the text.
    expect(benSocket.sawBytes('GEHEIM')).toBe(false)
    expect(projector.sawBytes('GEHEIM')).toBe(false)
    expect(benSocket.frames.length).toBeGreaterThan(2)

    const revealed = await reveal(false)
    expect(revealed.status).toBe(200)
    expect(revealed.body.ideaIds).toHaveLength(2)
    await waitFor(() => benSocket.cards().length === 2, { what: 'Ben sees the revealed cards' })
    const shown = benSocket.cards().find((c) => c.props.text === secret)!
    expect(shown.props.author).toBe('Ada Verborgen')
    expect(shown.props.authorId).toBe(ada.participantId)
    expect(shown.parentId).toBe('page:page')
    const [a, b] = benSocket.cards()
    const overlap = (p: IdeaCardShape, q: IdeaCardShape) =>
      p.x < q.x + q.props.w && q.x < p.x + p.props.w && p.y < q.y + q.props.h && q.y < p.y + p.props.h
    expect(overlap(a!, b!)).toBe(false)
    await waitFor(() => benSocket.latest().privatePhase === null, { what: 'the phase ends' })
    expect(benSocket.sawBytes('GEHEIM')).toBe(true)
    expect(projector.sawBytes('GEHEIM')).toBe(true)
    // Nothing private is left behind; a second reveal has nothing to do.
    expect((await listFor(ada.participantToken)).body).toEqual({ phase: null, cards: [] })
    expect((await reveal(false)).body.error?.code).toBe('no_private_phase')
    // A named card stays its author's: Ada may still edit it.
    expect((await write(ada.participantToken, 'nach dem Aufdecken')).body.error?.code).toBe('no_private_phase')
  })

  it('lets a facilitator who chose so read every text, and nobody else', async () => {
    await start(true)
    await write(ada.participantToken, 'Ada schreibt')
    await write(ben.participantToken, 'Ben schreibt')
    const facilitator = await listFor(workshop.facilitatorToken)
    expect(facilitator.body.cards.map((c: { text: string }) => c.text).sort()).toEqual(['Ada schreibt', 'Ben schreibt'])
    expect((await listFor(ben.participantToken)).body.cards.map((c: { text: string }) => c.text)).toEqual([
      'Ben schreibt',
    ])
    expect(JSON.stringify((await listFor(workshop.projectorToken)).body)).not.toContain('schreibt')
  })

  it('refuses and reverts a modified client writing a shared idea card during the phase, losing nothing else', async () => {
    const benClient: BoardClient = await connect(ben.participantToken)
    const watcher = await record(ada.participantToken)
    // A card Ben wrote before the phase: he may still move and edit it.
    const before = ideaCard(ben.participantId, 'vor der Phase')
    benClient.records.set(before.id, before)
    await waitFor(() => watcher.records.has(before.id))
    await start()
    await waitFor(() => watcher.latest().privatePhase != null)

    const sneaky = ideaCard(ben.participantId, 'HEIMLICH-am-Server-vorbei')
    benClient.records.set(sneaky.id, sneaky)
    benClient.records.set(before.id, { ...before, props: { ...before.props, text: 'vor der Phase, geändert' } })
    await waitFor(() => !benClient.has(sneaky.id), { what: 'the refused card is reverted on the writer' })
    await serverRoundTrip(benClient.provider)
    await waitFor(
      () => (watcher.records.get(before.id) as IdeaCardShape | undefined)?.props.text === 'vor der Phase, geändert',
    )
    expect(watcher.sawBytes('HEIMLICH')).toBe(false)
    const stored = await t.server.store.loadBoardDocument(boardId)
    const bytes = Buffer.concat([Buffer.from(stored.snapshot ?? []), ...stored.updates.map((u) => Buffer.from(u.data))])
    expect(bytes.includes(Buffer.from('HEIMLICH'))).toBe(false)

    // The API path follows the same rule.
    const addIdea = (token: string, text: string) =>
      callRoute(t.url, ideaRoutes.createIdea, { params: { boardId }, body: { text }, token })
    const viaApi = await addIdea(ben.participantToken, 'per API')
    expect(viaApi.status).toBe(409)
    expect(viaApi.body.error?.code).toBe('private_phase_running')
    // The facilitator still writes on the board.
    expect((await addIdea(workshop.facilitatorToken, 'Moderation')).status).toBe(201)
  })

  it('reveals without names: no author in the document, the stored log, the export or the database', async () => {
    const adaClient = await connect(ada.participantToken)
    await start()
    const created = await write(ada.participantToken, 'Anonyme Idee')
    expect(created.status).toBe(201)
    const revealed = await reveal(true)
    expect(revealed.status).toBe(200)
    const id = revealed.body.ideaIds[0]!
    await waitFor(() => adaClient.has(id))
    const card = adaClient.card(id)!
    expect(card.props.author).toBe('')
    expect(card.props.authorId).toBe('')
    expect(JSON.stringify(card)).not.toContain(ada.participantId)

    // Nothing records that it was Ada's: she cannot change it any more (refused and reverted).
    adaClient.records.set(id, { ...card, props: { ...card.props, text: 'meins!' } })
    await serverRoundTrip(adaClient.provider)
    await waitFor(() => adaClient.card(id)?.props.text === 'Anonyme Idee')

    await t.server.rooms.getLoaded(boardId)?.flushAndCompact()
    const stored = await t.server.store.loadBoardDocument(boardId)
    const bytes = Buffer.concat([Buffer.from(stored.snapshot ?? []), ...stored.updates.map((u) => Buffer.from(u.data))])
    expect(bytes.includes(Buffer.from('Ada Verborgen'))).toBe(false)
    expect(bytes.includes(Buffer.from(ada.participantId))).toBe(false)
    const json = await callApi(
      exportRoutes.exportBoard,
      { params: { boardId }, query: { format: 'json' }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    const exported = JSON.stringify(JSON.parse(await json.text()))
    expect(exported).toContain('Anonyme Idee')
    expect(exported).not.toContain('Ada Verborgen')
    expect(await privateCards().listCards(boardId)).toEqual([])
  })

  it('keeps private cards across a server restart, and finishes a reveal interrupted after its write', async () => {
    await start()
    await write(ada.participantToken, 'übersteht den Neustart')
    const dataDir = t.dataDir
    await t.server.close()
    t = await startTestServer({ DATA_DIR: dataDir })
    const after = await listFor(ada.participantToken)
    expect(after.body.cards.map((c: { text: string }) => c.text)).toEqual(['übersteht den Neustart'])
    expect(after.body.phase?.cards).toBe(1)

    // A reveal that wrote the board and then died before deleting the private rows.
    const { planReveal } = await import('../src/privatePhase/privatePhaseRules.ts')
    const { currentRecords } = await import('@pinnwand/shared')
    const { cards } = (await privateCards().beginReveal(boardId, false, Date.now()))!
    const room = await t.server.rooms.open(boardId)
    await room.change((records) => {
      for (const idea of planReveal(currentRecords(records), cards, false, Date.now())) records.set(idea.id, idea)
    })
    await t.server.close()
    t = await startTestServer({ DATA_DIR: dataDir })
    const watcher = await record(ben.participantToken)
    await waitFor(async () => (await privateCards().getPhase(boardId)) === null, {
      what: 'the interrupted reveal is finished when the board loads',
    })
    await waitFor(() => watcher.cards().length === 1 && watcher.latest().privatePhase === null)
    expect(watcher.cards()[0]!.props.text).toBe('übersteht den Neustart')
  })

  it('makes a resent card with the same client request id once, and never mixes people up', async () => {
    const watcher = await record(workshop.facilitatorToken)
    await start()
    const requestId = '6f1c2a4e-8b7d-4c3a-9e21-0a5b7c9d1e2f'
    const send = (token: string, text: string, clientRequestId: string = requestId) =>
      callRoute(t.url, routes.createPrivateCard, { params: { boardId }, body: { text, clientRequestId }, token })
    const first = await send(ada.participantToken, 'aus dem Funkloch')
    expect(first.status).toBe(201)
    // The answer was lost; the outbox sends again, twice at once.
    const again = await Promise.all([send(ada.participantToken, 'aus dem Funkloch'), send(ada.participantToken, 'x')])
    for (const res of again) {
      expect(res.status).toBe(201)
      expect(res.body.card.id).toBe(first.body.card.id)
      expect(res.body.card.text).toBe('aus dem Funkloch')
    }
    // Ben guessing or copying Ada's request id gets a card of his own, Ada's stays hers.
    const ben1 = await send(ben.participantToken, 'Bens Karte')
    expect(ben1.status).toBe(201)
    expect(ben1.body.card.id).not.toBe(first.body.card.id)
    expect((await listFor(ada.participantToken)).body.cards.map((c: { text: string }) => c.text)).toEqual([
      'aus dem Funkloch',
    ])
    await waitFor(() => (watcher.latest().privatePhase as { cards?: number } | null)?.cards === 2)
    // Too short, too long, not a string: refused, nothing added.
    for (const bad of ['nope', 'x'.repeat(65), 42, ''])
      expect((await send(ada.participantToken, 'bad', bad as never)).status).toBe(400)
    expect(await privateCards().countCards(boardId)).toBe(2)
    // After the reveal, a late resend is told the phase is over (the card is on the board once).
    await reveal(false)
    const late = await send(ada.participantToken, 'aus dem Funkloch')
    expect(late.status).toBe(409)
    expect(late.body.error?.code).toBe('no_private_phase')
    await waitFor(() => watcher.cards().filter((c) => c.props.text === 'aus dem Funkloch').length === 1)
  })

  it('refuses bad input with a clear error and keeps what was there', async () => {
    // No phase: nothing to write.
    const early = await write(ada.participantToken, 'zu früh')
    expect(early.status).toBe(409)
    expect(early.body.error?.code).toBe('no_private_phase')
    await start()
    await write(ada.participantToken, 'bleibt')
    // Malformed on purpose: passed `as never`, the server must refuse them.
    for (const body of [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(2001) }, { text: 'a', extra: 1 }]) {
      const res = await callRoute(t.url, routes.createPrivateCard, {
        params: { boardId },
        body: body as never,
        token: ada.participantToken,
      })
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400)
    }
    // Only participants write private cards; only the facilitator starts and reveals.
    expect((await write(workshop.facilitatorToken, 'Moderation privat')).status).toBe(403)
    expect((await write(workshop.projectorToken, 'Beamer')).status).toBe(403)
    const asParticipant = { params: { boardId }, body: {}, token: ada.participantToken }
    expect((await callRoute(t.url, routes.startPrivatePhase, asParticipant)).status).toBe(403)
    expect((await callRoute(t.url, routes.revealPrivateCards, asParticipant)).status).toBe(403)
    expect((await listFor()).status).toBe(401)
    const script = await write(ben.participantToken, '<script>alert(1)</script>')
    expect(script.status).toBe(201)
    expect((await listFor(ada.participantToken)).body.cards.map((c: { text: string }) => c.text)).toEqual(['bleibt'])
  })
})

describe('Stilles Sammeln from the control room', () => {
  let t: TestServer
  afterEach(async () => {
    await t?.stop()
  })

  it('starts and reveals on every table through each table’s own route', async () => {
    t = await startTestServer()
    const workshop = await createWorkshop(t.url, 2)
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const bulk = (action: z.input<typeof BulkAction>, requestId: string) =>
      callRoute(t.url, controlRoutes.runBulkAction, {
        params: { workshopId: workshop.workshopId },
        token: workshop.facilitatorToken,
        body: { action, requestId },
      })
    const started = await bulk({ type: 'privatePhase', facilitatorSeesTexts: false }, 'private-start-1')
    expect(started.status).toBe(200)
    expect(started.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true])
    for (const boardId of workshop.boardIds) {
      const res = await callRoute(t.url, routes.createPrivateCard, {
        params: { boardId },
        body: { text: `privat an ${boardId}` },
        token: ada.participantToken,
      })
      expect(res.status).toBe(201)
    }
    const revealed = await bulk({ type: 'revealPrivate', anonymous: true }, 'private-reveal-1')
    expect(revealed.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true])
    for (const boardId of workshop.boardIds) {
      const ideas = await callApi(
        ideaRoutes.listIdeas,
        { params: { boardId }, token: workshop.facilitatorToken },
        { baseUrl: t.url },
      )
      expect(ideas.ideas.map((i) => i.text)).toEqual([`privat an ${boardId}`])
    }
    // Again: no table has a phase to reveal, each says so.
    const again = await bulk({ type: 'revealPrivate', anonymous: true }, 'private-reveal-2')
    expect(again.body.results.map((r: { error?: { code: string } }) => r.error?.code)).toEqual([
      'no_private_phase',
      'no_private_phase',
    ])
  })
})
