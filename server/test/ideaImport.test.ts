import { CLUSTER_TYPE, IDEA_CARD_TYPE, type IdeaCardShape } from '@pinnwand/shared'
import { createCluster } from '@pinnwand/shared/boardRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import type { RouteInput } from '@pinnwand/shared/contract/route'
import { listIdeas } from '@pinnwand/shared/ideaRoutes'
import * as routes from '@pinnwand/shared/importRoutes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  joinParticipant,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'
import { callRoute } from './helpers/callRoute.ts'
import { waitFor } from './helpers/waitFor.ts'

/** Idea import over HTTP, watched by real y-websocket clients on the board. */
describe('idea import', () => {
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

  const importIdeas = (body: RouteInput<typeof routes.importIdeas>['body'], token = workshop.facilitatorToken) =>
    callRoute(t.url, routes.importIdeas, { params: { boardId }, body, token })
  const ideas = (token = workshop.facilitatorToken) =>
    callApi(listIdeas, { params: { boardId }, token }, { baseUrl: t.url })
  const shapes = (client: BoardClient, type: string) =>
    [...client.records.map.values()].map((e) => e.val).filter((r) => r.typeName === 'shape' && r.type === type)

  it('500 pasted lines arrive complete at another client, as one update', async () => {
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const watcher = await connectClient(t.url, boardId, ada.participantToken)
    clients.push(watcher)
    let updates = 0
    watcher.doc.on('update', () => updates++)

    const lines = Array.from({ length: 500 }, (_, i) => `Idee Nummer ${i + 1} – mit Ümlauten 🌳`)
    const res = await importIdeas({ text: ['', ...lines, '   ', ''].join('\r\n') })
    expect(res.status).toBe(201)
    expect(res.body.created).toBe(500)
    expect(res.body.ideaIds).toHaveLength(500)
    expect(res.body.problems).toEqual([])

    await waitFor(() => shapes(watcher, IDEA_CARD_TYPE).length === 500, { what: '500 cards at the watcher' })
    expect(updates).toBe(1)
    expect(watcher.texts()).toEqual([...lines].sort())
    // The API agrees, in import order.
    const list = await ideas(ada.participantToken)
    expect(list.ideas.map((i) => i.text)).toEqual(lines)
  })

  it('CSV from German Excel: clusters created by name or reused, cards inside, problems with line numbers', async () => {
    const existing = await callRoute(t.url, createCluster, {
      params: { boardId },
      token: workshop.facilitatorToken,
      body: { title: 'Mobilität' },
    })
    expect(existing.status).toBe(201)
    const watcher = await connectClient(t.url, boardId, workshop.facilitatorToken)
    clients.push(watcher)

    const csv = [
      '\uFEFFIdee;Themengruppe',
      '"Mehr Radwege; sicherer";mobilität',
      '<script>alert(1)</script>;Sicherheit',
      '',
      `${'x'.repeat(2001)};Sicherheit`,
      'Parkbänke;',
    ].join('\r\n')
    const res = await importIdeas({ text: csv })
    expect(res.status).toBe(201)
    expect(res.body.created).toBe(3)
    expect(res.body.clusters).toEqual([
      { id: existing.body.cluster.id, title: 'Mobilität', created: false },
      { id: expect.any(String), title: 'Sicherheit', created: true },
    ])
    expect(res.body.problems).toEqual([expect.objectContaining({ line: 5, code: 'text_too_long' })])

    await waitFor(() => shapes(watcher, IDEA_CARD_TYPE).length === 3, { what: 'cards at the watcher' })
    const cards = shapes(watcher, IDEA_CARD_TYPE) as IdeaCardShape[]
    const parent = (text: string) => cards.find((c) => c.props.text === text)?.parentId
    expect(parent('Mehr Radwege; sicherer')).toBe(existing.body.cluster.id)
    expect(parent('<script>alert(1)</script>')).toBe(res.body.clusters[1]!.id)
    expect(parent('Parkbänke')).toBe('page:page')
    expect(shapes(watcher, CLUSTER_TYPE)).toHaveLength(2)

    const list = await ideas()
    expect(list.clusters.map((c) => c.title).sort()).toEqual(['Mobilität', 'Sicherheit'])
  })

  it('takes the structured form too', async () => {
    const res = await importIdeas({
      ideas: [{ text: 'Eins', cluster: 'A' }, { text: 'Zwei' }, { text: ' ' }, { text: ' ', cluster: 'A' }],
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ created: 2, problems: [{ line: 4, code: 'empty_text' }] })
  })

  it('refuses too many ideas, nothing to import, participants and unknown fields, and creates nothing', async () => {
    const many = await importIdeas({ text: Array.from({ length: 501 }, (_, i) => `I${i}`).join('\n') })
    expect(many.status).toBe(422)
    expect(many.body.error).toMatchObject({ code: 'too_many_ideas', details: { count: 501, limit: 500 } })
    expect(many.body.error?.message).toContain('at most 500')

    const empty = await importIdeas({ text: ' \n\t\n' })
    expect(empty.status).toBe(422)
    expect(empty.body.error?.code).toBe('nothing_to_import')

    const allBad = await importIdeas({ text: 'x'.repeat(2001) })
    expect(allBad.status).toBe(422)
    expect(allBad.body.error).toMatchObject({ code: 'nothing_to_import', details: { problems: [{ line: 1 }] } })

    const ada = await joinParticipant(t.url, workshop, 'Ada')
    expect((await importIdeas({ text: 'a' }, ada.participantToken)).status).toBe(403)
    // Bodies the schema refuses, sent anyway: the server must refuse them.
    expect((await importIdeas({ text: 'a', colour: 'red' } as never)).status).toBe(400)
    expect((await importIdeas({ text: 'a', format: 'xlsx' } as never)).status).toBe(400)

    expect((await ideas()).ideas).toEqual([])
  })

  it('has a body limit of its own, above the usual one of the API', async () => {
    // 3 MiB is past the 2 MiB every other route takes: it reaches the import's own checks.
    const long = await importIdeas({ text: 'x'.repeat(3 * 1024 * 1024) })
    expect([long.status, long.body.error?.code]).toEqual([400, 'validation_failed'])
    const tooLong = await importIdeas({ text: 'x'.repeat(7 * 1024 * 1024) })
    expect([tooLong.status, tooLong.body.error?.code]).toEqual([413, 'payload_too_large'])
  })
})
