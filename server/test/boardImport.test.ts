import { createCluster } from '@pinnwand/shared/boardRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { exportBoard } from '@pinnwand/shared/exportRoutes'
import { createIdea, listIdeas } from '@pinnwand/shared/ideaRoutes'
import { importBoard } from '@pinnwand/shared/importRoutes'
import { workshopOverview } from '@pinnwand/shared/workshopRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { api, createWorkshop, startTestServer, type TestServer, type TestWorkshop } from './helpers/testServer.ts'

async function exportJson(ts: TestServer, boardId: string, token: string) {
  const file = await callApi(
    exportBoard,
    { params: { boardId }, query: { format: 'json' }, token },
    { baseUrl: ts.url },
  )
  return JSON.parse(await file.text()) as { document: { records: { id: string; typeName: string }[] }; report: unknown }
}

describe('POST /api/workshops/:id/boards/import', () => {
  let ts: TestServer
  let ws: TestWorkshop
  beforeAll(async () => {
    ts = await startTestServer()
    ws = await createWorkshop(ts.url)
  })
  afterAll(() => ts?.stop())
  const importInto = (body: unknown, token = ws.facilitatorToken) =>
    callRoute(ts.url, importBoard, { params: { workshopId: ws.workshopId }, token, body })
  const boardCount = async () =>
    (
      await callApi(
        workshopOverview,
        { params: { workshopId: ws.workshopId }, token: ws.facilitatorToken },
        { baseUrl: ts.url },
      )
    ).boards.length

  it('round-trips a board: export → import → export gives the same content', async () => {
    const source = ws.boardIds[0]!
    const token = ws.facilitatorToken
    const baseUrl = ts.url
    const { cluster } = await callApi(
      createCluster,
      { params: { boardId: source }, body: { title: 'Mobilität' }, token },
      { baseUrl },
    )
    await callApi(
      createIdea,
      { params: { boardId: source }, body: { text: 'Radweg <b>jetzt</b>', clusterId: cluster.id }, token },
      { baseUrl },
    )
    await callApi(createIdea, { params: { boardId: source }, body: { text: 'Mehr Bänke 🪑' }, token }, { baseUrl })
    const first = await exportJson(ts, source, token)

    const imported = await importInto(first)
    expect(imported.status).toBe(201)
    expect(imported.body.board.title).toBe('Tisch 1')
    const copy = imported.body.board.id
    expect(copy).not.toBe(source)

    const ideas = await callApi(listIdeas, { params: { boardId: copy }, token }, { baseUrl })
    expect(ideas.clusters).toEqual([{ id: cluster.id, title: 'Mobilität' }])
    expect(ideas.ideas.map((i) => [i.text, i.clusterId])).toEqual([
      ['Radweg <b>jetzt</b>', cluster.id],
      ['Mehr Bänke 🪑', null],
    ])
    const second = await exportJson(ts, copy, token)
    const byId = (records: { id: string }[]) => [...records].sort((a, b) => a.id.localeCompare(b.id))
    expect(byId(second.document.records)).toEqual(byId(first.document.records))
  })

  it('refuses corrupt or foreign files with a clear error and creates nothing', async () => {
    const token = ws.facilitatorToken
    const before = await boardCount()
    const valid = await exportJson(ts, ws.boardIds[0]!, token)
    const broken = structuredClone(valid) as { document: { records: Record<string, unknown>[] } }
    const card = broken.document.records.find((r) => r.type === 'idea-card')!
    ;(card.props as Record<string, unknown>).text = 'x'.repeat(5000)
    const refusals = []
    for (const body of [{ hello: 'world' }, { format: 'excalidraw', version: 2 }, broken])
      refusals.push(await importInto(body))
    // Not JSON at all: the generic helper sends the string verbatim.
    refusals.push(await api(ts.url, 'POST', `/api/workshops/${ws.workshopId}/boards/import`, { token, body: '[1,2' }))
    for (const res of refusals) {
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(typeof res.body.error?.message).toBe('string')
    }
    const after = await boardCount()
    expect(after).toBe(before)
  })

  it('is for the facilitator only', async () => {
    const valid = await exportJson(ts, ws.boardIds[0]!, ws.facilitatorToken)
    const res = await importInto(valid, ws.projectorToken)
    expect(res.status).toBe(403)
  })
})
