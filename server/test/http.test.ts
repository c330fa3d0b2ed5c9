import { getHealth } from '@pinnwand/shared/systemRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { api, createWorkshop, startTestServer, type TestServer } from './helpers/testServer.ts'

const isJsonError = (res: { body: any; headers: Headers }, code: string) => {
  expect(res.headers.get('content-type')).toMatch(/application\/json/)
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } })
  // Never a stack trace.
  expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |node_modules/)
}

describe('HTTP basics', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer()
  })
  afterAll(() => t.stop())

  it('/healthz → 200 {status:"ok"}', async () => {
    const res = await callRoute(t.url, getHealth, {})
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok' })
  })

  it('every response carries an x-request-id; a given one is echoed', async () => {
    const a = await callRoute(t.url, getHealth, {})
    const b = await api(t.url, 'GET', '/api/nothing-here')
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(b.headers.get('x-request-id')).toBeTruthy()
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'))
    const echoed = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'trace-me-123' } })
    expect(echoed.headers.get('x-request-id')).toBe('trace-me-123')
  })

  it('unknown /api routes → JSON 404, also for other methods', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await api(t.url, method, '/api/does/not/exist', method === 'POST' ? { body: {} } : {})
      expect(res.status).toBe(404)
      isJsonError(res, 'not_found')
    }
  })

  it('a body over the limit → 413 JSON', async () => {
    const huge = JSON.stringify({ title: 'x'.repeat(3 * 1024 * 1024), boards: [{ title: 'a' }] })
    const res = await api(t.url, 'POST', '/api/workshops', { body: huge })
    expect(res.status).toBe(413)
    isJsonError(res, 'payload_too_large')
  })

  it('invalid JSON → 400 JSON', async () => {
    const res = await api(t.url, 'POST', '/api/workshops', { body: '{"title": "x", boards: [' })
    expect(res.status).toBe(400)
    isJsonError(res, 'bad_request')
  })

  it('a body of an unsupported content type → 415 JSON', async () => {
    const res = await fetch(`${t.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<workshop/>',
    })
    expect(res.status).toBe(415)
    isJsonError({ body: await res.json(), headers: res.headers }, 'unsupported_media_type')
  })

  it('creating a workshop returns 201 with the documented shape', async () => {
    const res = await callRoute(t.url, workshopRoutes.createWorkshop, {
      body: {
        title: 'Stadtteil 2030',
        language: 'en',
        boards: [{ title: 'Verkehr', question: 'Wie?' }, { title: 'Grün' }],
      },
    })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      workshop: { id: expect.any(String), title: 'Stadtteil 2030', joinCode: expect.stringMatching(/^[A-Z2-9]{6}$/) },
      facilitatorToken: expect.any(String),
      boards: [
        { id: expect.any(String), title: 'Verkehr', kind: 'table' },
        { id: expect.any(String), title: 'Grün', kind: 'table' },
      ],
      links: { facilitator: expect.any(String), participant: expect.any(String), projector: expect.any(String) },
    })
    // The links point at this server and carry what they need.
    expect(res.body.links.participant).toBe(`${t.url}/join/${res.body.workshop.joinCode}`)
    expect(res.body.links.facilitator).toContain(res.body.facilitatorToken)
  })

  it.each([
    ['no boards', { title: 'x', boards: [] }],
    ['a 10,000-character title', { title: 'x'.repeat(10_000), boards: [{ title: 'a' }] }],
    ['an unknown language', { title: 'x', language: 'fr', boards: [{ title: 'a' }] }],
    ['an unknown field', { title: 'x', boards: [{ title: 'a' }], admin: true }],
  ])('refuses a workshop with %s: 400 validation_failed', async (_name, body) => {
    const res = await callRoute(t.url, workshopRoutes.createWorkshop, { body: body as never })
    expect(res.status).toBe(400)
    isJsonError(res, 'validation_failed')
  })

  it('joining: wrong code → 403 invalid_join_code; 10,000-character name → 400; codes are forgiving', async () => {
    const w = await createWorkshop(t.url)
    const join = (body: { name: string; joinCode: string }) =>
      callRoute(t.url, workshopRoutes.joinWorkshop, { params: { workshopId: w.workshopId }, body })
    const wrong = await join({ name: 'Ada', joinCode: 'ZZZZZZ' })
    expect(wrong.status).toBe(403)
    isJsonError(wrong, 'invalid_join_code')
    const long = await join({ name: 'n'.repeat(10_000), joinCode: w.joinCode })
    expect(long.status).toBe(400)
    isJsonError(long, 'validation_failed')
    const sloppy = `${w.joinCode.slice(0, 3).toLowerCase()}-${w.joinCode.slice(3).toLowerCase()}`
    const ok = await join({ name: 'Ada', joinCode: sloppy })
    expect(ok.status).toBe(201)
    expect(ok.body).toEqual({ participantId: expect.any(String), participantToken: expect.any(String) })
  })

  it('the workshop overview is for its facilitator only', async () => {
    const w = await createWorkshop(t.url)
    const other = await createWorkshop(t.url)
    const overview = (token?: string) =>
      callRoute(t.url, workshopRoutes.workshopOverview, { params: { workshopId: w.workshopId }, token })
    expect((await overview(w.facilitatorToken)).status).toBe(200)
    expect((await overview()).status).toBe(401)
    const foreign = await overview(other.facilitatorToken)
    expect(foreign.status).toBe(403)
    isJsonError(foreign, 'forbidden')
  })
})

describe('health when the store is gone', () => {
  it('/healthz → 503 once the database is closed', async () => {
    const t = await startTestServer()
    await t.server.store.close()
    const res = await callRoute(t.url, getHealth, {})
    expect(res.status).toBe(503)
    expect(res.body).toEqual({ status: 'unavailable' })
    // The store is closed already; closing the rest must still work.
    await t.server.rooms.closeAll()
  })
})
