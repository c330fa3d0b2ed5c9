import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, createWorkshop, startTestServer, type TestServer, type TestWorkshop } from './helpers/testServer.ts'

async function exportJson(ts: TestServer, boardId: string, token: string) {
  const res = await fetch(`${ts.url}/api/boards/${boardId}/export?format=json`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { document: { records: { id: string; typeName: string }[] }; report: unknown }
}

describe('POST /api/workshops/:id/boards/import', () => {
  let ts: TestServer
  let ws: TestWorkshop
  beforeAll(async () => {
    ts = await startTestServer()
    ws = await createWorkshop(ts.url)
  })
  afterAll(() => ts?.stop())

  it('round-trips a board: export → import → export gives the same content', async () => {
    const source = ws.boardIds[0]!
    const token = ws.facilitatorToken
    const cluster = await api(ts.url, 'POST', `/api/boards/${source}/clusters`, { token, body: { title: 'Mobilität' } })
    await api(ts.url, 'POST', `/api/boards/${source}/ideas`, {
      token,
      body: { text: 'Radweg <b>jetzt</b>', clusterId: cluster.body.cluster.id },
    })
    await api(ts.url, 'POST', `/api/boards/${source}/ideas`, { token, body: { text: 'Mehr Bänke 🪑' } })
    const first = await exportJson(ts, source, token)

    const imported = await api(ts.url, 'POST', `/api/workshops/${ws.workshopId}/boards/import`, { token, body: first })
    expect(imported.status).toBe(201)
    expect(imported.body.board.title).toBe('Tisch 1')
    const copy = imported.body.board.id as string
    expect(copy).not.toBe(source)

    const ideas = await api(ts.url, 'GET', `/api/boards/${copy}/ideas`, { token })
    expect(ideas.body.clusters).toEqual([{ id: cluster.body.cluster.id, title: 'Mobilität' }])
    expect(ideas.body.ideas.map((i: { text: string; clusterId: string | null }) => [i.text, i.clusterId])).toEqual([
      ['Radweg <b>jetzt</b>', cluster.body.cluster.id],
      ['Mehr Bänke 🪑', null],
    ])
    const second = await exportJson(ts, copy, token)
    const byId = (records: { id: string }[]) => [...records].sort((a, b) => a.id.localeCompare(b.id))
    expect(byId(second.document.records)).toEqual(byId(first.document.records))
  })

  it('refuses corrupt or foreign files with a clear error and creates nothing', async () => {
    const token = ws.facilitatorToken
    const before = (await api(ts.url, 'GET', `/api/workshops/${ws.workshopId}`, { token })).body.boards.length
    const valid = await exportJson(ts, ws.boardIds[0]!, token)
    const broken = structuredClone(valid) as { document: { records: Record<string, unknown>[] } }
    const card = broken.document.records.find((r) => r.type === 'idea-card')!
    ;(card.props as Record<string, unknown>).text = 'x'.repeat(5000)
    for (const body of [{ hello: 'world' }, { format: 'excalidraw', version: 2 }, broken, '[1,2']) {
      const res = await api(ts.url, 'POST', `/api/workshops/${ws.workshopId}/boards/import`, { token, body })
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(typeof res.body.error.message).toBe('string')
    }
    const after = (await api(ts.url, 'GET', `/api/workshops/${ws.workshopId}`, { token })).body.boards.length
    expect(after).toBe(before)
  })

  it('is for the facilitator only', async () => {
    const valid = await exportJson(ts, ws.boardIds[0]!, ws.facilitatorToken)
    const res = await api(ts.url, 'POST', `/api/workshops/${ws.workshopId}/boards/import`, {
      token: ws.projectorToken,
      body: valid,
    })
    expect(res.status).toBe(403)
  })
})
