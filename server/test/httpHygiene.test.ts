import { mkdirSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { Writable } from 'node:stream'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { getMe } from '@pinnwand/shared/systemRoutes'
import WebSocket from 'ws'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.ts'
import { createServer } from '../src/createServer.ts'
import { createLogger } from '../src/logging.ts'
import {
  createWorkshop,
  freshDataDir,
  joinParticipant,
  startTestServer,
  type TestServer,
  wsUrl,
} from './helpers/testServer.ts'

/** A raw request: fetch would normalise the URL and hide HEAD bodies. */
function request(
  url: string,
  {
    method = 'GET',
    path: rawPath,
    body,
    headers = {},
  }: { method?: string; path?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, method, path: rawPath ?? target.pathname + target.search, headers },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

function expectSecurityHeaders(headers: http.IncomingHttpHeaders, what: string): void {
  const csp = String(headers['content-security-policy'] ?? '')
  expect(csp, what).toContain("default-src 'self'")
  expect(csp, what).toContain("script-src 'self'")
  expect(csp, what).toContain("frame-ancestors 'none'")
  // No inline script, no outside origin anywhere in the policy.
  expect(csp.match(/script-src[^;]*/)?.[0], what).not.toContain('unsafe')
  expect(csp, what).not.toMatch(/https?:|\*/)
  expect(headers['x-content-type-options'], what).toBe('nosniff')
  expect(headers['referrer-policy'], what).toBe('no-referrer')
  expect(headers['x-frame-options'], what).toBe('DENY')
  expect(String(headers['permissions-policy']), what).toContain('screen-wake-lock=(self)')
  expect(String(headers['permissions-policy']), what).toContain('clipboard-write=(self)')
}

describe('HTTP hygiene with the built web app', () => {
  let running: TestServer

  beforeAll(async () => {
    const dataDir = freshDataDir()
    const dist = path.join(dataDir, 'dist')
    mkdirSync(path.join(dist, 'assets'), { recursive: true })
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Pinnwand</title>')
    writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})')
    writeFileSync(path.join(dist, 'assets/app-abc123.js'), 'console.log(1)')
    running = await startTestServer({ DATA_DIR: dataDir, CLIENT_DIST: dist })
  })
  afterAll(() => running.stop())

  it('sends the security headers on pages, API answers, assets and errors', async () => {
    for (const route of [
      '/',
      '/join/ABC234',
      '/w/ws_x?token=abc',
      '/api/config',
      '/assets/app-abc123.js',
      '/api/nope',
    ]) {
      const response = await request(running.url + route)
      expectSecurityHeaders(response.headers, route)
    }
  })

  it('the app shell is revalidated on every load, hashed assets are immutable', async () => {
    for (const route of ['/', '/join/ABC234', '/w/ws_x?token=abc', '/w/ws_x/projector?token=abc', '/sw.js']) {
      const response = await request(running.url + route)
      expect(response.status, route).toBe(200)
      expect(response.headers['cache-control'], route).toBe('no-cache')
    }
    const asset = await request(`${running.url}/assets/app-abc123.js`)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('answers HEAD wherever GET answers, pages included', async () => {
    for (const route of ['/', '/join/ABC234', '/w/ws_x', '/assets/app-abc123.js', '/api/config', '/healthz']) {
      const response = await request(running.url + route, { method: 'HEAD' })
      expect(response.status, route).toBe(200)
      expect(response.body, route).toBe('')
    }
  })

  it('every error has the { error: { code, message } } shape', async () => {
    const cases: { what: string; status: number; code: string; run: () => ReturnType<typeof request> }[] = [
      {
        what: 'malformed URL',
        status: 400,
        code: 'bad_request',
        run: () => request(running.url, { path: '/%E0%A4%A' }),
      },
      {
        what: 'malformed API URL',
        status: 400,
        code: 'bad_request',
        run: () => request(running.url, { path: '/api/join/%E0%A4%A' }),
      },
      { what: 'unknown API route', status: 404, code: 'not_found', run: () => request(`${running.url}/api/nope`) },
      {
        what: 'wrong method',
        status: 405,
        code: 'method_not_allowed',
        run: () => request(`${running.url}/api/config`, { method: 'DELETE' }),
      },
      {
        what: 'wrong method on a route with parameters',
        status: 405,
        code: 'method_not_allowed',
        run: () => request(`${running.url}/api/join/ABCDEF`, { method: 'PUT' }),
      },
      {
        what: 'invalid JSON',
        status: 400,
        code: 'bad_request',
        run: () =>
          request(`${running.url}/api/workshops`, {
            method: 'POST',
            body: '{"title":',
            headers: { 'content-type': 'application/json' },
          }),
      },
      {
        what: 'prototype poisoning',
        status: 400,
        code: 'bad_request',
        run: () =>
          request(`${running.url}/api/workshops`, {
            method: 'POST',
            body: '{"title":"x","__proto__":{"admin":true}}',
            headers: { 'content-type': 'application/json' },
          }),
      },
      {
        what: 'wrong content type',
        status: 415,
        code: 'unsupported_media_type',
        run: () =>
          request(`${running.url}/api/workshops`, {
            method: 'POST',
            body: 'title=x',
            headers: { 'content-type': 'text/csv' },
          }),
      },
      {
        what: 'too large',
        status: 413,
        code: 'payload_too_large',
        run: () =>
          request(`${running.url}/api/workshops`, {
            method: 'POST',
            body: JSON.stringify({ title: 'x'.repeat(3 * 1024 * 1024) }),
            headers: { 'content-type': 'application/json' },
          }),
      },
    ]
    for (const c of cases) {
      const response = await c.run()
      expect(response.status, c.what).toBe(c.status)
      const body = JSON.parse(response.body) as { error: { code: string; message: string } }
      expect(Object.keys(body), c.what).toEqual(['error'])
      expect(body.error.code, c.what).toBe(c.code)
      expect(body.error.message.length, c.what).toBeGreaterThan(0)
    }
    const wrongMethod = await request(`${running.url}/api/config`, { method: 'DELETE' })
    expect(wrongMethod.headers.allow).toBe('GET, HEAD')
  })
})

describe('request and header timeouts', () => {
  let running: TestServer
  const sockets: net.Socket[] = []
  beforeAll(async () => {
    running = await startTestServer({ REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '600' })
  })
  afterEach(() => {
    for (const s of sockets.splice(0)) s.destroy()
  })
  afterAll(() => running.stop())

  /** Connects, runs `drip` on the socket, resolves with the ms until the server closed it. */
  function timeToClose(drip: (socket: net.Socket) => NodeJS.Timeout): Promise<number> {
    const { port } = new URL(running.url)
    const socket = net.connect(Number(port), '127.0.0.1')
    sockets.push(socket)
    const started = performance.now()
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined
      socket.on('connect', () => (timer = drip(socket)))
      socket.on('error', () => undefined)
      socket.on('data', () => undefined)
      socket.on('close', () => {
        clearInterval(timer)
        resolve(performance.now() - started)
      })
    })
  }

  it('a body trickled a byte at a time is cut at the request timeout', async () => {
    const ms = await timeToClose((socket) => {
      socket.write(
        'POST /api/workshops HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n',
      )
      return setInterval(() => socket.write('{'), 100)
    })
    // 1 s limit, checked every 150 ms: without a limit this socket stayed open for minutes.
    expect(ms).toBeGreaterThan(900)
    expect(ms).toBeLessThan(2500)
  })

  it('headers trickled a line at a time are cut at the headers timeout', async () => {
    const ms = await timeToClose((socket) => {
      socket.write('GET /api/config HTTP/1.1\r\nHost: x\r\n')
      let n = 0
      return setInterval(() => socket.write(`X-Slow-${n++}: 1\r\n`), 100)
    })
    expect(ms).toBeLessThan(2000)
  })

  it('a board socket outlives the request timeout (upgraded connections are not requests)', async () => {
    const workshop = await createWorkshop(running.url)
    const ws = new WebSocket(`${wsUrl(running.url)}/${workshop.boardIds[0]}?token=${workshop.facilitatorToken}`)
    await new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('error', reject)
    })
    await new Promise((resolve) => setTimeout(resolve, 2000))
    expect(ws.readyState).toBe(WebSocket.OPEN)
    ws.close()
  })
})

describe('the board socket takes its token from the subprotocol offer', () => {
  let running: TestServer
  beforeAll(async () => {
    running = await startTestServer()
  })
  afterAll(() => running.stop())

  const open = (boardId: string, protocols: string[]) =>
    new Promise<{ ws: WebSocket; code: number | null }>((resolve) => {
      const ws = new WebSocket(`${wsUrl(running.url)}/${boardId}`, protocols)
      const settle = setTimeout(() => resolve({ ws, code: null }), 500)
      ws.on('error', () => undefined)
      ws.on('close', (code) => {
        clearTimeout(settle)
        resolve({ ws, code })
      })
    })

  it('connects with no token in the URL, and the token is not echoed', async () => {
    const workshop = await createWorkshop(running.url)
    const { participantToken } = await joinParticipant(running.url, workshop)
    const { ws, code } = await open(workshop.boardIds[0]!, ['pinnwand', `pinnwand.token.${participantToken}`])
    expect(code).toBeNull()
    expect(ws.protocol).toBe('pinnwand')
    ws.close()
    const wrong = await open(workshop.boardIds[0]!, ['pinnwand', 'pinnwand.token.wrong'])
    expect(wrong.code).toBe(4401)
  })
})

describe('logs carry no tokens', () => {
  it('page URLs and bearer headers are redacted, at debug level too', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const dataDir = freshDataDir()
    const server = await createServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        CLIENT_DIST: path.join(dataDir, 'none'),
        LOG_LEVEL: 'debug',
      }),
      createLogger('debug', sink),
    )
    try {
      const workshop = await createWorkshop(server.url)
      const pageToken = 'PAGE-SECRET-123'
      await request(`${server.url}/w/${workshop.workshopId}?token=${pageToken}&x=1`)
      await callApi(getMe, { token: workshop.facilitatorToken }, { baseUrl: server.url })
      await request(`${server.url}/api/me`, { headers: { authorization: `bearer  ${workshop.projectorToken}` } })
      await request(`${server.url}/api/nope?token=${pageToken}`)
      const log = lines.join('')
      expect(log).toContain('incoming request')
      expect(log).toContain('token=[redacted]')
      for (const secret of [pageToken, workshop.facilitatorToken, workshop.projectorToken]) {
        expect(log).not.toContain(secret)
      }
    } finally {
      await server.close()
    }
  })
})
