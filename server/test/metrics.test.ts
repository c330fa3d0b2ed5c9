import { callApi } from '@pinnwand/shared/contract/callApi'
import { getHealth } from '@pinnwand/shared/systemRoutes'
import { afterEach, describe, expect, it } from 'vitest'
import {
  api,
  type BoardClient,
  connectClient,
  createWorkshop,
  ideaCard,
  serverRoundTrip,
  startTestServer,
  type TestServer,
  userIdOf,
} from './helpers/testServer.ts'
import { sample } from './helpers/prometheus.ts'
import { waitFor } from './helpers/waitFor.ts'

describe('metrics, readiness and liveness', () => {
  const servers: TestServer[] = []
  const clients: BoardClient[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of servers.splice(0)) await s.stop()
  })
  const start = async (env: Record<string, string> = {}) => {
    const ts = await startTestServer(env)
    servers.push(ts)
    return ts
  }

  it('exports connections, boards, updates, tick duration, persistence lag, event-loop lag, relay', async () => {
    const ts = await start()
    expect((await api(ts.url, 'GET', '/livez')).status).toBe(200)
    const ready = await api(ts.url, 'GET', '/readyz')
    expect(ready.status).toBe(200)
    expect(ready.body).toEqual({ status: 'ready', checks: { store: 'ok', relay: 'ok', draining: false } })
    expect(await callApi(getHealth, {}, { baseUrl: ts.url })).toEqual({ status: 'ok' })

    const workshop = await createWorkshop(ts.url)
    const boardId = workshop.boardIds[0]!
    const me = await userIdOf(ts.url, workshop.facilitatorToken)
    const client = await connectClient(ts.url, boardId, workshop.facilitatorToken)
    clients.push(client)
    for (let i = 0; i < 3; i++) {
      const card = ideaCard(me, `Metrik ${i}`)
      client.records.set(card.id, card)
      await serverRoundTrip(client.provider)
    }

    const res = await fetch(`${ts.url}/metrics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    const text = await res.text()
    expect(sample(text, 'pinnwand_ws_connections')).toBe(1)
    expect(sample(text, 'pinnwand_boards_loaded')).toBe(1)
    expect(sample(text, 'pinnwand_updates_applied_total')).toBeGreaterThanOrEqual(3)
    expect(sample(text, 'pinnwand_tick_duration_seconds_count')).toBeGreaterThanOrEqual(3)
    expect(sample(text, 'pinnwand_persist_lag_seconds_count')).toBeGreaterThanOrEqual(3)
    expect(sample(text, 'pinnwand_relay_up')).toBe(1)
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0)
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0)
  })

  it('METRICS_TOKEN protects /metrics (and only /metrics)', async () => {
    const ts = await start({ METRICS_TOKEN: 'geheim' })
    const refused = await api(ts.url, 'GET', '/metrics')
    expect(refused.status).toBe(401)
    expect(refused.body.error.code).toBe('unauthorized')
    const allowed = await fetch(`${ts.url}/metrics`, { headers: { authorization: 'Bearer geheim' } })
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).toContain('pinnwand_ws_connections')
    expect((await api(ts.url, 'GET', '/readyz')).status).toBe(200)
  })

  it('without METRICS_TOKEN, /metrics answers this machine only', async () => {
    const local = await start()
    expect((await fetch(`${local.url}/metrics`)).status).toBe(200)
    // A loopback connection carrying proxy headers is someone else behind a local proxy.
    const viaProxy = await fetch(`${local.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } })
    expect(viaProxy.status).toBe(403)
    const refusal = (await viaProxy.json()) as { error: { code: string; message: string } }
    expect(refusal.error.code).toBe('forbidden')
    expect(refusal.error.message).toContain('METRICS_TOKEN')
    // Behind a trusted proxy the forwarded address decides.
    const proxied = await start({ TRUST_PROXY: '1' })
    const outside = await fetch(`${proxied.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } })
    expect(outside.status).toBe(403)
    const inside = await fetch(`${proxied.url}/metrics`, { headers: { 'x-forwarded-for': '127.0.0.1' } })
    expect(inside.status).toBe(200)
    // Health stays open to everyone (load balancers, uptime monitors).
    const ready = await fetch(`${local.url}/readyz`, { headers: { 'x-forwarded-for': '203.0.113.7' } })
    expect(ready.status).toBe(200)
  })

  it('while draining: not ready, live sockets still served, then closed as transient', async () => {
    const ts = await start({ SHUTDOWN_DRAIN_MS: '1500' })
    const workshop = await createWorkshop(ts.url)
    const boardId = workshop.boardIds[0]!
    const me = await userIdOf(ts.url, workshop.facilitatorToken)
    const writer = await connectClient(ts.url, boardId, workshop.facilitatorToken)
    const reader = await connectClient(ts.url, boardId, workshop.facilitatorToken)
    clients.push(writer, reader)

    const closing = ts.server.close()
    const draining = await api(ts.url, 'GET', '/readyz')
    expect(draining.status).toBe(503)
    expect(draining.body.status).toBe('draining')
    expect((await api(ts.url, 'GET', '/livez')).status).toBe(200)
    // Still served while the load balancer takes the instance out.
    const card = ideaCard(me, 'Während des Abschieds')
    writer.records.set(card.id, card)
    await waitFor(() => reader.has(card.id), { what: 'card during drain' })
    await closing
    await waitFor(() => reader.closes.length > 0, { what: 'close after drain' })
    expect(reader.closes[0]!.code).toBe(4503)
  })
})
