import { COMMENTS_MAP, IDEA_CARD_TYPE } from '@pinnwand/shared'
import type { CreateIdeaResponse } from '@pinnwand/shared'
import { setBoardPhase } from '@pinnwand/shared/boardRoutes'
import { createComment, listComments } from '@pinnwand/shared/commentRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import type { RouteInput } from '@pinnwand/shared/contract/route'
import { exportBoard } from '@pinnwand/shared/exportRoutes'
import type { BoardVersionDto } from '@pinnwand/shared/historyApi'
import * as routes from '@pinnwand/shared/historyRoutes'
import { createIdea } from '@pinnwand/shared/ideaRoutes'
import { importBoard } from '@pinnwand/shared/importRoutes'
import { openRound } from '@pinnwand/shared/votingRoutes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  api,
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
import { waitFor } from './helpers/waitFor.ts'

/**
 * Board history against the real server with real y-websocket clients: versions are taken at
 * phase changes, when a round opens, before a mass delete and on request; a restore reaches
 * every open copy of the board live and can itself be undone.
 */
describe('board history', () => {
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
    for (const client of clients.splice(0)) client.destroy()
    await t.stop()
  })

  const connect = async (token: string) => {
    const client = await connectClient(t.url, boardId, token)
    clients.push(client)
    return client
  }
  const addIdea = (text: string, token = workshop.facilitatorToken) =>
    callRoute(t.url, createIdea, { params: { boardId }, body: { text }, token })
  const setPhase = (phase: RouteInput<typeof setBoardPhase>['body']['phase']) =>
    callRoute(t.url, setBoardPhase, { params: { boardId }, body: { phase }, token: workshop.facilitatorToken })
  const exportJson = async () => {
    const file = await callApi(
      exportBoard,
      { params: { boardId }, query: { format: 'json' }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    return JSON.parse(await file.text())
  }
  const versions = async (): Promise<BoardVersionDto[]> =>
    (await callApi(routes.listVersions, { params: { boardId }, token: workshop.facilitatorToken }, { baseUrl: t.url }))
      .versions
  const saveVersion = (name: string, token = workshop.facilitatorToken) =>
    callRoute(t.url, routes.saveVersion, { params: { boardId }, body: { name }, token })
  const restore = (versionId: string, token = workshop.facilitatorToken) =>
    callRoute(t.url, routes.restoreVersion, { params: { boardId, versionId }, token })
  const cardIds = (client: BoardClient) =>
    [...client.records.map.values()]
      .map((e) => e.val)
      .filter((r) => r.typeName === 'shape' && r.type === IDEA_CARD_TYPE)
      .map((r) => r.id)
      .sort()

  it('a raw client deletes every card; the facilitator restores; another client sees all back; the restore is undoable', async () => {
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const adaClient = await connect(ada.participantToken)
    const bob = await joinParticipant(t.url, workshop, 'Bob')
    const bobClient = await connect(bob.participantToken)

    // 25 cards from Ada's socket, 5 through the API from the facilitator.
    adaClient.doc.transact(() => {
      for (let i = 0; i < 25; i++) {
        const card = ideaCard(ada.participantId, `Idee ${i} <script>x</script>`)
        adaClient.records.set(card.id, card)
      }
    })
    for (let i = 0; i < 5; i++) {
      expect((await addIdea(`API ${i}`)).status).toBe(201)
    }
    await waitFor(() => cardIds(bobClient).length === 30, { what: '30 cards at Bob' })
    const before = structuredClone(Object.fromEntries([...bobClient.records.map].map(([k, v]) => [k, v.val])))

    // The facilitator's raw socket deletes everything in one go.
    const wiper = await connect(workshop.facilitatorToken)
    await waitFor(() => cardIds(wiper).length === 30, { what: 'wiper synced' })
    wiper.doc.transact(() => {
      for (const id of cardIds(wiper)) wiper.records.delete(id)
    })
    await waitFor(() => cardIds(bobClient).length === 0, { what: 'cards gone at Bob' })

    const safety = await waitFor(async () => (await versions()).find((v) => v.reason === 'mass_delete'), {
      what: 'mass-delete version',
    })
    expect(safety).toMatchObject({ ideaCount: 30, createdBy: 'Moderation', detail: { deletedCards: 30 } })

    const restored = await restore(safety.id)
    expect(restored.status).toBe(200)
    expect(restored.body).toMatchObject({ restoredVersionId: safety.id, beforeVersionId: expect.any(String) })
    expect(restored.body.changes).toBe(30)

    // Bob's copy is the board from before the delete again, record for record.
    await waitFor(() => cardIds(bobClient).length === 30, { what: 'cards back at Bob' })
    for (const [id, record] of Object.entries(before)) expect(bobClient.records.get(id)).toEqual(record)
    expect(cardIds(adaClient)).toEqual(cardIds(bobClient))

    // The restore saved the emptied board first; restoring that undoes the restore.
    const list = await versions()
    const undo = list.find((v) => v.id === restored.body.beforeVersionId)
    expect(undo).toMatchObject({
      reason: 'restore',
      ideaCount: 0,
      detail: { restoredVersionId: safety.id, restoredReason: 'mass_delete', restoredDetail: { deletedCards: 30 } },
    })
    expect(list[0]!.id).toBe(undo!.id)
    // The restore itself deleted nothing, so it took no mass-delete version of its own.
    expect(list.filter((v) => v.reason === 'mass_delete')).toHaveLength(1)

    const undone = await restore(undo!.id)
    expect(undone.status).toBe(200)
    await waitFor(() => cardIds(bobClient).length === 0, { what: 'restore undone at Bob' })
    // …and a server-side restore that removes 30 cards is not mistaken for a mass delete.
    await serverRoundTrip(bobClient.provider)
    expect((await versions()).filter((v) => v.reason === 'mass_delete')).toHaveLength(1)

    // Still everything is recoverable: redo the first restore.
    expect((await restore(safety.id)).status).toBe(200)
    await waitFor(() => cardIds(bobClient).length === 30, { what: 'cards back again' })

    // And a client that connects only now gets the restored board.
    const late = await connect(bob.participantToken)
    expect(cardIds(late)).toEqual(
      Object.keys(before)
        .filter((id) => before[id]!.typeName === 'shape')
        .sort(),
    )
  })

  it('a participant deleting their own many cards is recoverable too; deletes refused by the server are not counted', async () => {
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const bob = await joinParticipant(t.url, workshop, 'Bob')
    const adaClient = await connect(ada.participantToken)
    const bobClient = await connect(bob.participantToken)
    adaClient.doc.transact(() => {
      for (let i = 0; i < 12; i++) {
        const card = ideaCard(ada.participantId, `Ada ${i}`)
        adaClient.records.set(card.id, card)
      }
    })
    await waitFor(() => cardIds(bobClient).length === 12, { what: 'cards at Bob' })

    // Bob may not delete Ada's cards: the server puts them back, so no version is taken.
    bobClient.doc.transact(() => {
      for (const id of cardIds(bobClient)) bobClient.records.delete(id)
    })
    await waitFor(() => cardIds(bobClient).length === 12, { what: 'refused deletes reverted' })
    await serverRoundTrip(bobClient.provider)
    expect((await versions()).filter((v) => v.reason === 'mass_delete')).toEqual([])

    adaClient.doc.transact(() => {
      for (const id of cardIds(adaClient)) adaClient.records.delete(id)
    })
    const safety = await waitFor(async () => (await versions()).find((v) => v.reason === 'mass_delete'), {
      what: 'mass-delete version',
    })
    expect(safety).toMatchObject({ createdBy: 'Ada', ideaCount: 12 })
  })

  it('takes a version at every phase change and when a voting round opens', async () => {
    expect(await versions()).toEqual([])
    expect((await addIdea('Bäume')).status).toBe(201)
    expect((await setPhase('cluster')).status).toBe(200)
    let list = await versions()
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({
      reason: 'phase',
      createdBy: 'Moderation',
      ideaCount: 1,
      detail: { phase: 'cluster', previousPhase: 'collect' },
    })

    // Setting the phase it already has is no change and takes no version.
    expect((await setPhase('cluster')).status).toBe(200)
    expect(await versions()).toHaveLength(1)

    const round = await callRoute(t.url, openRound, {
      params: { boardId },
      body: { dotsPerParticipant: 3 },
      token: workshop.facilitatorToken,
    })
    expect(round.status).toBe(201)
    list = await versions()
    expect(list).toHaveLength(2)
    expect(list[0]).toMatchObject({ reason: 'round', detail: { roundId: round.body.roundId }, ideaCount: 1 })

    // Opening the round moved the phase to 'vote' by itself (issue 14) without a second version;
    // setting it by hand is then no change either.
    expect((await setPhase('vote')).status).toBe(200)
    expect((await versions()).map((v) => v.reason)).toEqual(['round', 'phase'])
    expect((await setPhase('collect')).status).toBe(200)
    expect((await versions()).map((v) => v.reason)).toEqual(['phase', 'round', 'phase'])

    // The JSON export names them in the workshop's language (German here), not in the server's.
    const { meta } = (await exportJson()) as { meta: { document: { versions: { name: string }[] } } }
    expect(meta.document.versions.map((v) => v.name)).toEqual([
      'Phase gewechselt zu „Sammeln“',
      'Abstimmungsrunde geöffnet',
      'Phase gewechselt zu „Gruppieren“',
    ])
  })

  it('saves named versions, previews them as SVG, and restores comments with the cards', async () => {
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const idea = await addIdea('<img src=x onerror=alert(1)> Grün & Blau', ada.participantToken)
    expect(idea.status).toBe(201)
    const ideaId = (idea.body as CreateIdeaResponse).idea.id
    const comment = await callRoute(t.url, createComment, {
      params: { boardId, ideaId },
      token: ada.participantToken,
      body: { text: 'Unbedingt!' },
    })
    expect(comment.status).toBe(201)

    const saved = await saveVersion('  Vor der Pause  ')
    expect(saved.status).toBe(201)
    expect(saved.body.version).toMatchObject({ name: 'Vor der Pause', reason: 'manual', ideaCount: 1 })

    // The JSON backup lists the versions (not their content), and still imports.
    const backup = await exportJson()
    expect(backup.meta.document.versions).toEqual([
      expect.objectContaining({ id: saved.body.version.id, name: 'Vor der Pause', reason: 'manual', ideaCount: 1 }),
    ])
    expect(JSON.stringify(backup.meta.document.versions)).not.toContain('state')
    const reimported = await callRoute(t.url, importBoard, {
      params: { workshopId: workshop.workshopId },
      body: backup,
      token: workshop.facilitatorToken,
    })
    expect(reimported.status).toBe(201)

    const preview = await callApi(
      routes.previewVersion,
      { params: { boardId, versionId: saved.body.version.id }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    expect(preview.type).toContain('image/svg+xml')
    const svg = await preview.text()
    expect(svg).toContain('<svg')
    expect(svg).toContain('&lt;img src=x')
    expect(svg).toContain('Grün &amp;')
    expect(svg).not.toContain('<img')

    // Later: the card and its comment are deleted, another card arrives.
    const f = await connect(workshop.facilitatorToken)
    f.doc.transact(() => {
      f.records.delete(ideaId)
      f.doc.getMap(COMMENTS_MAP).delete(comment.body.comment.id)
    })
    expect((await addIdea('später')).status).toBe(201)
    const watcher = await connect(ada.participantToken)
    expect(watcher.has(ideaId)).toBe(false)

    const restored = await restore(saved.body.version.id)
    expect(restored.status).toBe(200)
    await waitFor(() => watcher.has(ideaId), { what: 'card back' })
    expect(watcher.texts()).toEqual(['<img src=x onerror=alert(1)> Grün & Blau'])
    await waitFor(() => watcher.doc.getMap(COMMENTS_MAP).has(comment.body.comment.id), { what: 'comment back' })
    const thread = await callApi(
      listComments,
      { params: { boardId, ideaId }, token: ada.participantToken },
      { baseUrl: t.url },
    )
    expect(thread.comments.map((c) => c.text)).toEqual(['Unbedingt!'])

    // Restoring the same version again changes nothing and saves nothing.
    const again = await restore(saved.body.version.id)
    expect(again.body).toEqual({ restoredVersionId: saved.body.version.id, beforeVersionId: null, changes: 0 })
  })

  it('refuses what it should, clearly', async () => {
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const token = ada.participantToken
    const preview = (versionId: string, as = token) =>
      callRoute(t.url, routes.previewVersion, { params: { boardId, versionId }, token: as })

    expect((await callRoute(t.url, routes.listVersions, { params: { boardId } })).status).toBe(401)
    for (const res of [
      await callRoute(t.url, routes.listVersions, { params: { boardId }, token }),
      await saveVersion('x', token),
    ]) {
      expect(res.status).toBe(403)
      expect(res.body.error?.code).toBe('forbidden')
    }
    const saved = await saveVersion('ok')
    expect((await restore(saved.body.version.id, token)).status).toBe(403)
    expect((await preview(saved.body.version.id)).status).toBe(403)

    // Bodies the schema refuses, sent anyway: the server must refuse them.
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(201) }, { name: 'x', extra: 1 }]) {
      const res = await callRoute(t.url, routes.saveVersion, {
        params: { boardId },
        body: body as never,
        token: workshop.facilitatorToken,
      })
      expect(res.status).toBe(400)
      expect(res.body.error?.code).toBe('validation_failed')
    }
    for (const res of [await restore('ver_nope'), await preview('ver_nope', workshop.facilitatorToken)]) {
      expect(res.status).toBe(404)
      expect(res.body.error?.code).toBe('version_not_found')
    }

    // A version of another board is not found through this one.
    const other = await createWorkshop(t.url)
    const foreign = await callApi(
      routes.saveVersion,
      { params: { boardId: other.boardIds[0]! }, body: { name: 'fremd' }, token: other.facilitatorToken },
      { baseUrl: t.url },
    )
    expect((await restore(foreign.version.id)).status).toBe(404)
  })

  it('is described in the OpenAPI document', async () => {
    const res = await api(t.url, 'GET', '/api/openapi.json')
    const paths = res.body.paths
    expect(
      paths['/api/boards/{boardId}/versions'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['name'])
    expect(paths['/api/boards/{boardId}/versions'].get['x-role']).toBe('facilitator')
    // Declared routes (shared/src/historyRoutes.ts): ids, answers and refusals come from them.
    const preview = paths['/api/boards/{boardId}/versions/{versionId}/preview'].get
    expect(preview.operationId).toBe('previewVersion')
    expect(Object.keys(preview.responses['200'].content)).toEqual(['image/svg+xml'])
    const restore = paths['/api/boards/{boardId}/versions/{versionId}/restore'].post
    expect(restore.operationId).toBe('restoreVersion')
    expect(restore.responses['200'].content['application/json'].schema.required).toEqual([
      'restoredVersionId',
      'beforeVersionId',
      'changes',
    ])
    expect(restore.responses['422'].description).toBe('version_unreadable')
    expect(paths).toHaveProperty(['/api/boards/{boardId}/ideas/import', 'post', 'requestBody'])
  })
})
