import type { BoardStateMessage, IdeaCardShape, ModerationSection } from '@pinnwand/shared'
import type { ApproveHeldCardBody, HeldCardDto, RejectHeldCardBody } from '@pinnwand/shared/moderation'
import * as routes from '@pinnwand/shared/moderationRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as controlRoutes from '@pinnwand/shared/controlRoutes'
import * as exportRoutes from '@pinnwand/shared/exportRoutes'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import * as privacyRoutes from '@pinnwand/shared/privacyRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HeldCardStore } from '../src/moderation/HeldCardStore.ts'
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
import { callRoute } from './helpers/callRoute.ts'
import { recordingClient } from './helpers/recordingClient.ts'
import { waitFor } from './helpers/waitFor.ts'

describe('Moderation: participants’ new cards wait for the facilitator', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let ada: { participantId: string; participantToken: string }
  let ben: { participantId: string; participantToken: string }
  const closeLater: { destroy(): void }[] = []
  const heldCards = () => (t.server.store as unknown as { heldCards: HeldCardStore }).heldCards
  const moderationOf = (state: BoardStateMessage) => state.moderation as ModerationSection | null | undefined

  beforeEach(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    ada = await joinParticipant(t.url, workshop, 'Ada Wartend')
    ben = await joinParticipant(t.url, workshop, 'Ben')
  })
  afterEach(async () => {
    for (const c of closeLater.splice(0)) c.destroy()
    await t.stop()
  })

  const setModeration = (on: boolean, token = workshop.facilitatorToken) =>
    callRoute(t.url, boardRoutes.updateTable, { params: { boardId }, body: { moderation: on }, token })
  const addIdea = (token: string, text: string) =>
    callRoute(t.url, ideaRoutes.createIdea, { params: { boardId }, body: { text }, token })
  const lock = (locked: boolean) =>
    callRoute(t.url, boardRoutes.setBoardLock, {
      params: { boardId },
      body: { locked },
      token: workshop.facilitatorToken,
    })
  const exported = async (format: string) => {
    const file = await callApi(
      exportRoutes.exportBoard,
      { params: { boardId }, query: { format }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    return file.text()
  }
  const write = (token: string, text: string) =>
    callRoute(t.url, routes.createHeldCard, { params: { boardId }, body: { text }, token })
  const own = (token: string) => callRoute(t.url, routes.listHeldCards, { params: { boardId }, token })
  const inbox = (token = workshop.facilitatorToken) =>
    callRoute(t.url, routes.moderationInbox, { params: { boardId }, token })
  const approve = (cardId: string, body: ApproveHeldCardBody = {}) =>
    callRoute(t.url, routes.approveHeldCard, { params: { boardId, cardId }, body, token: workshop.facilitatorToken })
  const reject = (cardId: string, body: RejectHeldCardBody = {}) =>
    callRoute(t.url, routes.rejectHeldCard, { params: { boardId, cardId }, body, token: workshop.facilitatorToken })
  const update = (token: string, cardId: string, text: string) =>
    callRoute(t.url, routes.updateHeldCard, { params: { boardId, cardId }, body: { text }, token })
  const dismiss = (token: string, cardId: string) =>
    callRoute(t.url, routes.deleteHeldCard, { params: { boardId, cardId }, token })
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
  const storedBytes = async () => {
    await t.server.rooms.getLoaded(boardId)?.flushAndCompact()
    const stored = await t.server.store.loadBoardDocument(boardId)
    return Buffer.concat([Buffer.from(stored.snapshot ?? []), ...stored.updates.map((u) => Buffer.from(u.data))])
  }

  it('sends a waiting or rejected text to no other participant and no projector, an approved one to all', async () => {
    // Ben (a second participant) and the projector are connected the whole time; every frame is kept.
    const benSocket = await record(ben.participantToken)
    const projector = await record(workshop.projectorToken)
    const switched = await setModeration(true)
    expect(switched.status).toBe(200)
    expect(switched.body.moderation).toBe(true)
    await waitFor(() => moderationOf(benSocket.latest())?.on === true, { what: 'Ben learns the board is moderated' })
    const overview = await callApi(
      workshopRoutes.workshopOverview,
      { params: { workshopId: workshop.workshopId }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    expect(overview.boards.map((board) => board.moderation)).toEqual([true])

    const plain = await write(ada.participantToken, 'FREIGABE-wie-geschrieben-4c1d')
    expect(plain.status).toBe(201)
    expect(plain.body.card).toMatchObject({ status: 'waiting', author: 'Ada Wartend', reason: null })
    // Through the public ideas API a participant's card is held too: 202, nothing on the board.
    const viaApi = await addIdea(ada.participantToken, 'ROH-ENTWURF-8e2f')
    expect(viaApi.status).toBe(202)
    const heldViaApi = (viaApi.body as { held: HeldCardDto }).held
    expect(heldViaApi.status).toBe('waiting')
    const doomed = await write(ada.participantToken, 'VERWORFEN-erst-falsch-0a9b')
    // The author changes a waiting card.
    expect((await update(ada.participantToken, doomed.body.card.id, 'VERWORFEN-Geheimtext-5d7e')).status).toBe(200)
    await waitFor(() => moderationOf(benSocket.latest())?.waiting === 3, { what: 'the count reaches Ben' })

    // The facilitator's inbox holds all three with the author; Ben, Ada and the projector may not read it.
    const box = await inbox()
    expect(box.status).toBe(200)
    expect(box.body.cards.map((c: { text: string; author: string }) => [c.text, c.author])).toEqual([
      ['FREIGABE-wie-geschrieben-4c1d', 'Ada Wartend'],
      ['ROH-ENTWURF-8e2f', 'Ada Wartend'],
      ['VERWORFEN-Geheimtext-5d7e', 'Ada Wartend'],
    ])
    for (const token of [ben.participantToken, ada.participantToken, workshop.projectorToken]) {
      expect((await inbox(token)).status).toBe(403)
    }
    // Ben reads only his own (none); his hands off Ada's card.
    expect((await own(ben.participantToken)).body.cards).toEqual([])
    expect((await own(workshop.projectorToken)).status).toBe(403)
    const theft = await update(ben.participantToken, plain.body.card.id, 'übernommen')
    expect(theft.status).toBe(404)
    expect(theft.body.error?.code).toBe('held_card_not_found')
    expect((await dismiss(ben.participantToken, plain.body.card.id)).status).toBe(404)
    const approvedByBen = await callRoute(t.url, routes.approveHeldCard, {
      params: { boardId, cardId: plain.body.card.id },
      body: {},
      token: ben.participantToken,
    })
    expect(approvedByBen.status).toBe(403)

    // Until the decision, no frame to Ben or the projector carried any of the waiting texts.
    for (const socket of [benSocket, projector]) {
      for (const waiting of ['FREIGABE', 'ROH-ENTWURF', 'VERWORFEN']) expect(socket.sawBytes(waiting)).toBe(false)
    }
    expect(benSocket.frames.length).toBeGreaterThan(3)

    // Decisions: as written, edited, rejected with a reason.
    const approved = await approve(plain.body.card.id)
    expect(approved.status).toBe(200)
    expect(approved.body.ideaId).toBe(`shape:held-${plain.body.card.id}`)
    const edited = await approve(heldViaApi.id, { text: 'BEARBEITET-von-der-Moderation' })
    expect(edited.status).toBe(200)
    const rejected = await reject(doomed.body.card.id, { reason: 'GRUND-bitte-konkreter' })
    expect(rejected.status).toBe(200)
    await waitFor(() => benSocket.cards().length === 2 && moderationOf(benSocket.latest())?.rejected === 1, {
      what: 'Ben sees the approved cards and the rejection count',
    })
    expect(
      benSocket
        .cards()
        .map((c) => c.props.text)
        .sort(),
    ).toEqual(['BEARBEITET-von-der-Moderation', 'FREIGABE-wie-geschrieben-4c1d'])
    const placed = benSocket.cards().find((c) => c.props.text.startsWith('FREIGABE'))!
    expect(placed.props.author).toBe('Ada Wartend')
    expect(placed.props.authorId).toBe(ada.participantId)
    expect(placed.parentId).toBe('page:page')
    expect(moderationOf(benSocket.latest())).toMatchObject({ on: true, waiting: 0, rejected: 1 })

    // Ada sees her rejection with the reason; nobody else ever received its text, the reason or the draft.
    const adas = await own(ada.participantToken)
    expect(adas.body.cards).toMatchObject([
      { text: 'VERWORFEN-Geheimtext-5d7e', status: 'rejected', reason: 'GRUND-bitte-konkreter' },
    ])
    await serverRoundTrip(benSocket.provider)
    for (const socket of [benSocket, projector]) {
      expect(socket.sawBytes('FREIGABE-wie-geschrieben')).toBe(true)
      expect(socket.sawBytes('BEARBEITET-von-der-Moderation')).toBe(true)
      for (const hidden of ['VERWORFEN', 'GRUND-bitte', 'ROH-ENTWURF']) expect(socket.sawBytes(hidden)).toBe(false)
    }
    expect(JSON.stringify((await inbox()).body)).not.toContain('VERWORFEN')
    const backup = JSON.parse(await exported('json'))
    expect(JSON.stringify(backup)).toContain('FREIGABE-wie-geschrieben')
    expect(JSON.stringify(backup)).not.toContain('VERWORFEN')
    expect(backup.report.rejectedCards).toBe(1)
    // The report counts the rejection and shows nothing of it.
    const markdown = await exported('md')
    expect(markdown).toContain('| Abgelehnte Karten (Moderation) | 1 |')
    expect(markdown).not.toContain('VERWORFEN')
    expect(markdown).not.toContain('GRUND-bitte')
    const bytes = await storedBytes()
    for (const hidden of ['VERWORFEN', 'GRUND-bitte', 'ROH-ENTWURF'])
      expect(bytes.includes(Buffer.from(hidden))).toBe(false)

    // Dismissed by its author, the text is gone; the rejection stays counted.
    expect((await dismiss(ada.participantToken, doomed.body.card.id)).status).toBe(204)
    expect((await own(ada.participantToken)).body.cards).toEqual([])
    expect((await heldCards().getModeration(boardId))?.rejected).toBe(1)

    // Switched off: a participant's card goes straight on the board again.
    expect((await setModeration(false)).body.moderation).toBe(false)
    const direct = await addIdea(ben.participantToken, 'direkt')
    expect(direct.status).toBe(201)
    expect((await write(ada.participantToken, 'zu spät')).body.error?.code).toBe('moderation_off')
  })

  it('refuses and reverts a modified client writing its card straight into the shared document', async () => {
    const benClient: BoardClient = await connect(ben.participantToken)
    const watcher = await record(ada.participantToken)
    const before = ideaCard(ben.participantId, 'vor der Moderation')
    benClient.records.set(before.id, before)
    await waitFor(() => watcher.records.has(before.id))
    await setModeration(true)
    await waitFor(() => moderationOf(watcher.latest())?.on === true)

    const sneaky = ideaCard(ben.participantId, 'HEIMLICH-an-der-Moderation-vorbei')
    benClient.records.set(sneaky.id, sneaky)
    benClient.records.set(before.id, { ...before, props: { ...before.props, text: 'vor der Moderation, geändert' } })
    await waitFor(() => !benClient.has(sneaky.id), { what: 'the refused card is reverted on the writer' })
    await serverRoundTrip(benClient.provider)
    // Cards already on the board stay Ben's to edit.
    await waitFor(
      () =>
        (watcher.records.get(before.id) as IdeaCardShape | undefined)?.props.text === 'vor der Moderation, geändert',
    )
    expect(watcher.sawBytes('HEIMLICH')).toBe(false)
    expect((await storedBytes()).includes(Buffer.from('HEIMLICH'))).toBe(false)
    // The facilitator's own cards need no approval.
    const own = await addIdea(workshop.facilitatorToken, 'Moderatorin')
    expect(own.status).toBe(201)
    await waitFor(() => watcher.cards().some((c) => c.props.text === 'Moderatorin'), {
      what: 'the facilitator’s card reaches everyone',
    })
    // Ben's card is not lost: it waits for approval like any card he sends (heldBackRescue.test.ts).
    await waitFor(async () => (await inbox()).body.cards.length === 1, { what: 'the card in the inbox', interval: 100 })
    expect((await inbox()).body.cards.map((card) => card.text)).toEqual(['HEIMLICH-an-der-Moderation-vorbei'])
  })

  it('adds a card approved twice at once (two facilitator tabs) only once', async () => {
    const watcher = await record(ben.participantToken)
    await setModeration(true)
    const held = await write(ada.participantToken, 'Doppelt freigegeben')
    const both = await Promise.all([
      approve(held.body.card.id),
      approve(held.body.card.id, { text: 'Doppelt, bearbeitet' }),
    ])
    const statuses = both.map((r) => r.status).sort()
    expect(statuses[0]).toBe(200)
    expect([404, 409]).toContain(statuses[1])
    const loser = both.find((r) => r.status !== 200)!
    expect(['held_card_not_found', 'held_card_decided']).toContain(loser.body.error?.code)
    await waitFor(() => watcher.cards().length === 1, { what: 'the approved card arrives' })
    await serverRoundTrip(watcher.provider)
    expect(watcher.cards()).toHaveLength(1)
    expect(watcher.cards()[0]!.id).toBe(`shape:held-${held.body.card.id}`)
    // Decided is decided: neither a third approval nor a rejection nor the author changes it.
    expect((await approve(held.body.card.id)).status).toBe(404)
    expect((await reject(held.body.card.id)).status).toBe(404)
    expect((await inbox()).body.cards).toEqual([])
  })

  it('keeps held cards across a restart, and finishes an approval interrupted before its board write', async () => {
    await setModeration(true)
    const first = await write(ada.participantToken, 'übersteht den Neustart')
    const second = await write(ada.participantToken, 'halb freigegeben')
    const dataDir = t.dataDir
    await t.server.close()
    t = await startTestServer({ DATA_DIR: dataDir })
    expect((await own(ada.participantToken)).body.cards.map((c: { text: string }) => c.text)).toEqual([
      'übersteht den Neustart',
      'halb freigegeben',
    ])
    expect((await inbox()).body.moderation).toMatchObject({ on: true, waiting: 2 })
    // The database says approved, the server died before the board write.
    expect((await heldCards().approve(boardId, second.body.card.id, undefined, Date.now())).result).toBe('ok')
    await t.server.close()
    t = await startTestServer({ DATA_DIR: dataDir })
    const watcher = await record(ben.participantToken)
    await waitFor(() => watcher.cards().length === 1, { what: 'the interrupted approval is finished on load' })
    expect(watcher.cards()[0]!.props.text).toBe('halb freigegeben')
    await waitFor(async () => (await heldCards().listApproved(boardId)).length === 0)
    expect((await inbox()).body.cards.map((c: { id: string }) => c.id)).toEqual([first.body.card.id])
  })

  it('removes a participant’s name from their held cards too (remove my name)', async () => {
    await setModeration(true)
    await write(ada.participantToken, 'wartet mit Namen')
    const removed = await callRoute(t.url, privacyRoutes.removeParticipantName, {
      params: { workshopId: workshop.workshopId, participantId: ada.participantId },
      token: workshop.facilitatorToken,
    })
    expect(removed.status).toBe(200)
    const box = await inbox()
    expect(box.body.cards.map((c: { author: string }) => c.author)).toEqual(['Teilnehmende/r'])
    expect(JSON.stringify(box.body)).not.toContain('Ada Wartend')
    // Approved afterwards, the card carries the replacement, not the old name.
    await approve(box.body.cards[0]!.id)
    const ideas = await callApi(
      ideaRoutes.listIdeas,
      { params: { boardId }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    expect(JSON.stringify(ideas)).not.toContain('Ada Wartend')
  })

  it('refuses bad input with a clear error and keeps what was there', async () => {
    const early = await write(ada.participantToken, 'zu früh')
    expect(early.status).toBe(409)
    expect(early.body.error?.code).toBe('moderation_off')
    // Only the facilitator switches it.
    expect((await setModeration(true, ada.participantToken)).status).toBe(403)
    expect((await setModeration('ja' as never)).status).toBe(400)
    await setModeration(true)
    const kept = await write(ada.participantToken, 'bleibt')
    // Malformed on purpose: passed `as never`, the server must refuse them.
    for (const body of [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(2001) }, { text: 'a', extra: 1 }]) {
      const res = await callRoute(t.url, routes.createHeldCard, {
        params: { boardId },
        body: body as never,
        token: ada.participantToken,
      })
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400)
    }
    expect((await reject(kept.body.card.id, { reason: 'x'.repeat(501) })).status).toBe(400)
    expect((await approve(kept.body.card.id, { text: '  ' })).status).toBe(400)
    expect((await approve('no-such-card')).body.error?.code).toBe('held_card_not_found')
    // Only participants' cards are held.
    expect((await write(workshop.facilitatorToken, 'Moderation')).status).toBe(403)
    expect((await write(workshop.projectorToken, 'Beamer')).status).toBe(403)
    expect((await callRoute(t.url, routes.moderationInbox, { params: { boardId } })).status).toBe(401)
    // A locked board takes no held card either (the same 409 as on the board).
    expect((await lock(true)).status).toBe(200)
    const whileLocked = await write(ada.participantToken, 'gesperrt')
    expect(whileLocked.status).toBe(409)
    expect(whileLocked.body.error?.code).toBe('board_locked')
    const viaIdeas = await addIdea(ada.participantToken, 'gesperrt')
    expect(viaIdeas.body.error?.code).toBe('board_locked')
    await lock(false)
    // A rejected card cannot be edited back into the inbox.
    await reject(kept.body.card.id)
    const revived = await update(ada.participantToken, kept.body.card.id, 'doch bitte')
    expect(revived.status).toBe(409)
    expect(revived.body.error?.code).toBe('held_card_decided')
    expect((await own(ada.participantToken)).body.cards).toMatchObject([
      { text: 'bleibt', status: 'rejected', reason: null },
    ])
  })
})

describe('Moderation from the control room', () => {
  let t: TestServer
  afterEach(async () => {
    await t?.stop()
  })

  it('switches every table’s inbox on and off through each table’s own route', async () => {
    t = await startTestServer()
    const workshop = await createWorkshop(t.url, 2)
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const bulk = (on: boolean, requestId: string) =>
      callRoute(t.url, controlRoutes.runBulkAction, {
        params: { workshopId: workshop.workshopId },
        token: workshop.facilitatorToken,
        body: { action: { type: 'moderation', on }, requestId },
      })
    const switched = await bulk(true, 'moderation-on-1')
    expect(switched.status).toBe(200)
    expect(switched.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true])
    for (const boardId of workshop.boardIds) {
      const res = await callRoute(t.url, ideaRoutes.createIdea, {
        params: { boardId },
        token: ada.participantToken,
        body: { text: `wartet an ${boardId}` },
      })
      expect(res.status).toBe(202)
    }
    // A participant cannot switch it, not even through the control room.
    const refused = await callRoute(t.url, controlRoutes.runBulkAction, {
      params: { workshopId: workshop.workshopId },
      token: ada.participantToken,
      body: { action: { type: 'moderation', on: false }, requestId: 'moderation-off-sneaky' },
    })
    expect(refused.status).toBe(403)
    expect((await bulk(false, 'moderation-off-1')).body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true])
    const overview = await callApi(
      workshopRoutes.workshopOverview,
      { params: { workshopId: workshop.workshopId }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    expect(overview.boards.map((b) => b.moderation)).toEqual([false, false])
  })
})
