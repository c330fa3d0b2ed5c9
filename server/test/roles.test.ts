import { BOARD_STATE_MESSAGE, CloseCode, type IdeaCardShape } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import * as systemRoutes from '@pinnwand/shared/systemRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import type { TLGeoShape, TLRecord } from '@tldraw/tlschema'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
  userIdOf,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

/**
 * The role model (docs/architecture.md, decision 13), enforced on the server and proven with raw Yjs clients:
 * what a modified client sends is reverted before anyone else sees it.
 */
describe('roles enforced on the live board', () => {
  let ts: TestServer
  let ws: TestWorkshop
  let board: string
  let facilitator: BoardClient
  let ada: BoardClient
  let ben: BoardClient
  let adaId: string
  let benId: string
  let adaToken: string

  /** Write from `writer`, then make sure the facilitator has seen whatever the server kept. */
  async function write(writer: BoardClient, fn: (c: BoardClient) => void): Promise<void> {
    writer.doc.transact(() => fn(writer))
    await serverRoundTrip(writer.provider)
    await serverRoundTrip(facilitator.provider)
  }
  const seen = (id: string) => facilitator.records.get(id) as TLRecord | undefined

  beforeAll(async () => {
    ts = await startTestServer()
    ws = await createWorkshop(ts.url)
    board = ws.boardIds[0]!
    const a = await joinParticipant(ts.url, ws, 'Ada')
    const b = await joinParticipant(ts.url, ws, 'Ben')
    adaId = a.participantId
    benId = b.participantId
    adaToken = a.participantToken
    facilitator = await connectClient(ts.url, board, ws.facilitatorToken)
    ada = await connectClient(ts.url, board, a.participantToken)
    ben = await connectClient(ts.url, board, b.participantToken)
  })
  afterAll(async () => {
    for (const c of [facilitator, ada, ben]) c?.destroy()
    await ts?.stop()
  })

  it('lets a participant create, edit and delete their own card', async () => {
    const card = ideaCard(adaId, 'Mehr Bänke')
    await write(ada, (c) => c.records.set(card.id, card))
    expect(seen(card.id)).toBeDefined()
    await write(ada, (c) => c.records.set(card.id, { ...card, props: { ...card.props, text: 'Mehr Bänke am See' } }))
    expect((seen(card.id) as IdeaCardShape).props.text).toBe('Mehr Bänke am See')
    await write(ada, (c) => c.records.delete(card.id))
    expect(seen(card.id)).toBeUndefined()
  })

  it('lets another participant move a card but not edit or delete it', async () => {
    const card = ideaCard(adaId, 'Radweg')
    await write(ada, (c) => c.records.set(card.id, card))
    await write(ben, (c) => c.records.set(card.id, { ...card, x: 999, y: 555 }))
    expect(seen(card.id)).toMatchObject({ x: 999, y: 555 })

    const moved = seen(card.id) as IdeaCardShape
    await write(ben, (c) => c.records.set(card.id, { ...moved, props: { ...moved.props, text: 'gehackt' } }))
    expect((seen(card.id) as IdeaCardShape).props.text).toBe('Radweg')
    // The writer's own copy is put back too.
    await waitFor(() => (ben.records.get(card.id) as IdeaCardShape).props.text === 'Radweg', {
      what: 'revert at writer',
    })

    await write(ben, (c) => c.records.delete(card.id))
    expect(seen(card.id)).toBeDefined()
    expect(ben.records.has(card.id)).toBe(true)
  })

  it('refuses cards in someone else’s name and drawings without their author', async () => {
    const forged = ideaCard(benId, 'von Ben?')
    await write(ada, (c) => c.records.set(forged.id, forged))
    expect(seen(forged.id)).toBeUndefined()

    const geo = geoShape('shape:geo-ada', {})
    await write(ada, (c) => c.records.set(geo.id, geo))
    expect(seen(geo.id)).toBeUndefined()

    const owned = geoShape('shape:geo-ada-2', { createdBy: adaId })
    await write(ada, (c) => c.records.set(owned.id, owned))
    expect(seen(owned.id)).toBeDefined()
    // Ben may not move or delete Ada's drawing (only idea cards may be moved by anyone).
    await write(ben, (c) => c.records.set(owned.id, { ...owned, x: 400 }))
    expect(seen(owned.id)).toMatchObject({ x: owned.x })
    await write(ben, (c) => c.records.delete(owned.id))
    expect(seen(owned.id)).toBeDefined()
  })

  it('keeps pages and the document to the facilitator', async () => {
    const page = seen('page:page') as TLRecord & { name: string }
    await write(ada, (c) => c.records.set(page.id, { ...page, name: 'Adas Seite' } as TLRecord))
    expect((seen('page:page') as typeof page).name).toBe(page.name)
    await write(ada, (c) => c.records.delete('document:document'))
    expect(seen('document:document')).toBeDefined()

    await write(facilitator, (c) => c.records.set(page.id, { ...page, name: 'Ergebnisse' } as TLRecord))
    expect((seen('page:page') as typeof page).name).toBe('Ergebnisse')
  })

  it('lets the facilitator edit and delete anyone’s card', async () => {
    const card = ideaCard(adaId, 'Tippfehlr')
    await write(ada, (c) => c.records.set(card.id, card))
    await write(facilitator, (c) => c.records.set(card.id, { ...card, props: { ...card.props, text: 'Tippfehler' } }))
    expect((seen(card.id) as IdeaCardShape).props.text).toBe('Tippfehler')
    await write(facilitator, (c) => c.records.delete(card.id))
    expect(seen(card.id)).toBeUndefined()
  })

  it('applies nothing a projector sends', async () => {
    const projector = await connectClient(ts.url, board, ws.projectorToken)
    try {
      const facId = await userIdOf(ts.url, ws.facilitatorToken)
      const card = ideaCard(facId, 'vom Beamer')
      projector.doc.transact(() => projector.records.set(card.id, card))
      await serverRoundTrip(projector.provider)
      await serverRoundTrip(facilitator.provider)
      expect(seen(card.id)).toBeUndefined()
    } finally {
      projector.destroy()
    }
  })

  it('locks the board for participants, announces it on the state channel, and unlocks', async () => {
    const watcher = await connectClient(ts.url, board, ws.facilitatorToken, { params: { state: '1' } })
    const states: { locked: boolean }[] = []
    watcher.provider.messageHandlers[BOARD_STATE_MESSAGE] = (_encoder, decoder) => {
      states.push(JSON.parse(decoding.readVarString(decoder)))
    }
    try {
      const lock = await callRoute(ts.url, boardRoutes.setBoardLock, {
        params: { boardId: board },
        token: ws.facilitatorToken,
        body: { locked: true },
      })
      expect(lock.status).toBe(200)
      const refusedLock = await callRoute(ts.url, boardRoutes.setBoardLock, {
        params: { boardId: board },
        token: adaToken,
        body: { locked: false },
      })
      expect(refusedLock.status).toBe(403)

      const blocked = ideaCard(adaId, 'während gesperrt')
      await write(ada, (c) => c.records.set(blocked.id, blocked))
      expect(seen(blocked.id)).toBeUndefined()

      await callApi(
        boardRoutes.setBoardLock,
        { params: { boardId: board }, token: ws.facilitatorToken, body: { locked: false } },
        { baseUrl: ts.url },
      )
      const allowed = ideaCard(adaId, 'wieder offen')
      await write(ada, (c) => c.records.set(allowed.id, allowed))
      expect(seen(allowed.id)).toBeDefined()
      await waitFor(() => states.some((s) => s.locked) && states.at(-1)?.locked === false, {
        what: 'lock and unlock on the state channel',
      })
    } finally {
      watcher.destroy()
    }
  })

  it('refuses facilitator-only API calls for other roles', async () => {
    const token = adaToken
    const params = { boardId: board }
    const overview = await callRoute(ts.url, workshopRoutes.workshopOverview, {
      params: { workshopId: ws.workshopId },
      token,
    })
    expect(overview.status).toBe(403)
    const cluster = await callRoute(ts.url, boardRoutes.createCluster, { params, token, body: { title: 'X' } })
    expect(cluster.status).toBe(403)
    expect((await callRoute(ts.url, boardRoutes.createProjectorToken, { params, token })).status).toBe(403)
    const phase = await callRoute(ts.url, boardRoutes.setBoardPhase, { params, token, body: { phase: 'vote' } })
    expect(phase.status).toBe(403)
    const projectorIdea = await callRoute(ts.url, ideaRoutes.createIdea, {
      params: { boardId: board },
      token: ws.projectorToken,
      body: { text: 'x' },
    })
    expect(projectorIdea.status).toBe(403)
    expect(projectorIdea.body.error?.code).toBe('forbidden')
  })

  it('revokes a participant: their socket closes with 4403 and the token stops working', async () => {
    const extra = await joinParticipant(ts.url, ws, 'Cem')
    const cem = await connectClient(ts.url, board, extra.participantToken)
    try {
      const res = await callRoute(ts.url, boardRoutes.revokeParticipant, {
        params: { workshopId: ws.workshopId, participantId: extra.participantId },
        token: ws.facilitatorToken,
      })
      expect(res.status).toBe(204)
      await waitFor(() => cem.closes.some((c) => c.code === CloseCode.notAllowed), { what: 'close 4403' })
      expect((await callRoute(ts.url, systemRoutes.getMe, { token: extra.participantToken })).status).toBe(401)
      // Others are untouched.
      expect(ada.provider.wsconnected).toBe(true)
    } finally {
      cem.destroy()
    }
  })
})

function geoShape(id: string, meta: Record<string, string>): TLGeoShape {
  return {
    id: id as TLGeoShape['id'],
    typeName: 'shape',
    type: 'geo',
    parentId: 'page:page' as TLGeoShape['parentId'],
    index: 'a5' as TLGeoShape['index'],
    x: 10,
    y: 20,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta,
    props: {
      geo: 'rectangle',
      dash: 'draw',
      url: '',
      w: 100,
      h: 100,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: { type: 'doc', content: [{ type: 'paragraph' }] } as TLGeoShape['props']['richText'],
    },
  }
}
