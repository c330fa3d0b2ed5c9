import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { Writable } from 'node:stream'
import { lookupJoinCode } from '@pinnwand/shared/boardRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.ts'
import { createServer } from '../src/createServer.ts'
import { createLogger } from '../src/logging.ts'
import { callRoute } from './helpers/callRoute.ts'
import { api, createWorkshop, freshDataDir, startTestServer, type TestServer } from './helpers/testServer.ts'

/** A request as it arrives through a trusted proxy from `address`. */
async function from(
  address: string,
  baseUrl: string,
  method: string,
  route: string,
  { body, authorization }: { body?: unknown; authorization?: string } = {},
) {
  const headers: Record<string, string> = { 'x-forwarded-for': address }
  if (authorization) headers.authorization = authorization
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(baseUrl + route, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, headers: response.headers, body: (await response.json()) as any }
}

const WRONG_CODES = ['AAAAAA', 'BBBBBB', 'CCCCCC', 'DDDDDD', 'EEEEEE', 'FFFFFF', 'GGGGGG', 'HHHHHH']

describe('abuse limits', () => {
  const servers: TestServer[] = []
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.stop()
  })
  const start = async (env: Record<string, string> = {}) => {
    const ts = await startTestServer(env)
    servers.push(ts)
    return ts
  }

  it('the per-token rate limit counts `bearer` in lower case and extra spaces against the same budget', async () => {
    const ts = await start({ RATE_LIMIT_PER_SECOND: '0.01', RATE_LIMIT_BURST: '3' })
    const { facilitatorToken } = await createWorkshop(ts.url)
    const spellings = [`Bearer ${facilitatorToken}`, `bearer ${facilitatorToken}`, `BEARER   ${facilitatorToken}  `]
    const statuses: number[] = []
    for (const authorization of [...spellings, ...spellings]) {
      const response = await fetch(`${ts.url}/api/me`, { headers: { authorization } })
      statuses.push(response.status)
    }
    // Every spelling authenticates (200) until the one budget of 3 is spent.
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429])
  })

  it('join-code guessing from one address gets 429 after the threshold; the right code still works for others', async () => {
    const ts = await start({ TRUST_PROXY: '1', GUESSES_PER_MINUTE: '5' })
    const workshop = await createWorkshop(ts.url)
    const guesser = '203.0.113.7'
    const answers: number[] = []
    for (const code of WRONG_CODES) answers.push((await from(guesser, ts.url, 'GET', `/api/join/${code}`)).status)
    // Five wrong guesses are free, the sixth blocks the address: everything after is 429.
    expect(answers).toEqual([404, 404, 404, 404, 404, 404, 429, 429])
    const blocked = await from(guesser, ts.url, 'GET', `/api/join/${workshop.joinCode}`)
    expect(blocked.status).toBe(429)
    expect(blocked.body.error.code).toBe('rate_limited')
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(30)
    // Joining is the same guess: blocked as well.
    const join = await from(guesser, ts.url, 'POST', `/api/workshops/${workshop.workshopId}/participants`, {
      body: { name: 'Mallory', joinCode: workshop.joinCode },
    })
    expect(join.status).toBe(429)
    // Someone else in the hall looks the code up and joins as usual.
    const other = '198.51.100.20'
    expect((await from(other, ts.url, 'GET', `/api/join/${workshop.joinCode}`)).status).toBe(200)
    const joined = await from(other, ts.url, 'POST', `/api/workshops/${workshop.workshopId}/participants`, {
      body: { name: 'Ada', joinCode: workshop.joinCode },
    })
    expect(joined.status).toBe(201)
    // Four refusals: two wrong lookups after the block, the right code and the join from there.
    const metrics = await (await fetch(`${ts.url}/metrics`)).text()
    expect(metrics).toContain('pinnwand_http_rate_limited_total 4')
  })

  it.skipIf(!process.env.REDIS_URL)(
    'with REDIS_URL the guess budget of an address holds across instances',
    async () => {
      const env = { REDIS_URL: process.env.REDIS_URL!, TRUST_PROXY: '1', GUESSES_PER_MINUTE: '4' }
      const [a, b] = [await start(env), await start(env)]
      // A fresh address per run: Redis outlives the test servers.
      const guesser = `203.0.113.${Math.floor(Math.random() * 250) + 1}, 10.${Date.now() % 250}.0.1`
      const statuses: number[] = []
      for (const [i, code] of WRONG_CODES.entries()) {
        const instance = i % 2 === 0 ? a : b
        statuses.push((await from(guesser, instance.url, 'GET', `/api/join/${code}`)).status)
      }
      // Round robin: two budgets of four would have answered 404 eight times.
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429])
    },
  )

  it('wrong join codes sent to the join route count too; right joins from one address never do', async () => {
    const ts = await start({ TRUST_PROXY: '1', GUESSES_PER_MINUTE: '3' })
    const workshop = await createWorkshop(ts.url)
    const hall = '192.0.2.1'
    // A whole hall behind one NAT address joins with the right code: never throttled.
    for (let i = 0; i < 10; i++) {
      const joined = await from(hall, ts.url, 'POST', `/api/workshops/${workshop.workshopId}/participants`, {
        body: { name: `Person ${i}`, joinCode: workshop.joinCode },
      })
      expect(joined.status).toBe(201)
    }
    const statuses: number[] = []
    for (const code of WRONG_CODES.slice(0, 5)) {
      const response = await from(hall, ts.url, 'POST', `/api/workshops/${workshop.workshopId}/participants`, {
        body: { name: 'Mallory', joinCode: code },
      })
      statuses.push(response.status)
    }
    expect(statuses).toEqual([403, 403, 403, 403, 429])
  })

  it('passphrase recovery is throttled per address after a few wrong passphrases', async () => {
    const ts = await start({ TRUST_PROXY: '1', GUESSES_PER_MINUTE: '3' })
    const workshop = await createWorkshop(ts.url)
    const set = await callRoute(ts.url, workshopRoutes.setPassphrase, {
      params: { workshopId: workshop.workshopId },
      token: workshop.facilitatorToken,
      body: { passphrase: 'richtig-geheim' },
    })
    expect(set.status).toBe(204)
    const attacker = '203.0.113.9'
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const response = await from(attacker, ts.url, 'POST', `/api/workshops/${workshop.workshopId}/recover`, {
        body: { passphrase: `falsch-${i}-geheim` },
      })
      statuses.push(response.status)
    }
    expect(statuses).toEqual([403, 403, 403, 403, 429, 429])
    // The right passphrase from the blocked address waits too; the facilitator elsewhere gets in.
    const blocked = await from(attacker, ts.url, 'POST', `/api/workshops/${workshop.workshopId}/recover`, {
      body: { passphrase: 'richtig-geheim' },
    })
    expect(blocked.status).toBe(429)
    const facilitator = await from('198.51.100.3', ts.url, 'POST', `/api/workshops/${workshop.workshopId}/recover`, {
      body: { passphrase: 'richtig-geheim' },
    })
    expect(facilitator.status).toBe(201)
  })

  it('join codes stop working JOIN_CODE_GRACE_DAYS after the workshop date; workshops without a date keep theirs', async () => {
    const ts = await start({ JOIN_CODE_GRACE_DAYS: '7' })
    const create = async (date?: string) => {
      const res = await callRoute(ts.url, workshopRoutes.createWorkshop, {
        body: { title: 'W', boards: [{ title: 'T' }], date },
      })
      expect(res.status).toBe(201)
      return res.body
    }
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
    const past = await create(day(-9))
    const lookup = (joinCode: string) => callRoute(ts.url, lookupJoinCode, { params: { joinCode } })
    const expired = await lookup(past.workshop.joinCode)
    expect(expired.status).toBe(410)
    expect(expired.body.error?.code).toBe('join_code_expired')
    const join = await callRoute(ts.url, workshopRoutes.joinWorkshop, {
      params: { workshopId: past.workshop.id },
      body: { name: 'Spät', joinCode: past.workshop.joinCode },
    })
    expect(join.status).toBe(410)
    for (const fresh of [await create(day(-6)), await create(day(0)), await create()]) {
      expect((await lookup(fresh.workshop.joinCode)).status).toBe(200)
    }
  })

  it('creating a workshop from another computer needs the admin token; this machine needs none', async () => {
    const ts = await start({ TRUST_PROXY: '1' })
    const body = { title: 'W', boards: [{ title: 'T' }] }
    const lan = '192.168.1.20'
    const refused = await from(lan, ts.url, 'POST', '/api/workshops', { body })
    expect(refused.status).toBe(401)
    expect(refused.body.error.code).toBe('admin_token_required')
    // The first start made one, readable by the server's user only.
    const tokenFile = path.join(ts.dataDir, 'admin-token')
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600)
    const adminToken = readFileSync(tokenFile, 'utf8').trim()
    expect((await from(lan, ts.url, 'POST', '/api/workshops', { body, authorization: 'Bearer wrong' })).status).toBe(
      401,
    )
    expect(
      (await from(lan, ts.url, 'POST', '/api/workshops', { body, authorization: `Bearer ${adminToken}` })).status,
    ).toBe(201)
    // The facilitator's laptop at localhost (and the test suites): no token.
    expect((await callRoute(ts.url, workshopRoutes.createWorkshop, { body })).status).toBe(201)
  })

  it('without TRUST_PROXY, a loopback request that carries proxy headers is not treated as local', async () => {
    const ts = await start()
    const res = await from('192.168.1.20', ts.url, 'POST', '/api/workshops', {
      body: { title: 'W', boards: [{ title: 'T' }] },
    })
    expect(res.status).toBe(401)
  })

  it('workshop creation is rate limited per address, with the admin token too', async () => {
    const ts = await start({ TRUST_PROXY: '1', WORKSHOPS_PER_HOUR: '3', ADMIN_TOKEN: 'admin-secret-1234' })
    const body = { title: 'W', boards: [{ title: 'T' }] }
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await from('10.1.2.3', ts.url, 'POST', '/api/workshops', { body, authorization: 'Bearer admin-secret-1234' }))
          .status,
      )
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429])
    const other = await from('10.1.2.4', ts.url, 'POST', '/api/workshops', {
      body,
      authorization: 'Bearer admin-secret-1234',
    })
    expect(other.status).toBe(201)
  })

  it('the generated admin token is printed once and kept across restarts', async () => {
    const dataDir = freshDataDir()
    const lines: string[] = []
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIST: path.join(dataDir, 'none'),
    })
    for (let run = 0; run < 2; run++) {
      const server = await createServer(config, createLogger('info', sink))
      await server.close()
    }
    const token = readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim()
    const mentions = lines.filter((line) => line.includes(token))
    expect(mentions).toHaveLength(1)
    expect(JSON.parse(mentions[0]!).level).toBe(40)
  })

  it('board imports over IMPORT_BODY_BYTES are refused with 413 before anything is parsed', async () => {
    const ts = await start({ IMPORT_BODY_BYTES: String(1024 * 1024) })
    const workshop = await createWorkshop(ts.url)
    const res = await api(ts.url, 'POST', `/api/workshops/${workshop.workshopId}/boards/import`, {
      token: workshop.facilitatorToken,
      body: { padding: 'x'.repeat(2 * 1024 * 1024) },
    })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
    expect(res.body.error.message).toContain(String(1024 * 1024))
  })
})
