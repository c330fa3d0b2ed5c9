import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { TimerActionBody, ViewActionBody } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as routes from '@pinnwand/shared/facilitationRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import {
  api,
  type BoardClient,
  createWorkshop,
  joinParticipant,
  startTestServer,
  type TestServer,
  type TestWorkshop,
  watchBoardState,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

const stateWatcher = watchBoardState

const timer = (url: string, boardId: string, token: string | undefined, body: TimerActionBody) =>
  callRoute(url, routes.boardTimer, { params: { boardId }, body, token })
const view = (url: string, boardId: string, token: string, body: ViewActionBody) =>
  callRoute(url, routes.boardView, { params: { boardId }, body, token })

describe('facilitation timer and views', () => {
  let ts: TestServer
  let ws: TestWorkshop
  let board: string
  let participantToken: string
  const clients: BoardClient[] = []

  beforeAll(async () => {
    ts = await startTestServer()
    ws = await createWorkshop(ts.url)
    board = ws.boardIds[0]!
    participantToken = (await joinParticipant(ts.url, ws, 'Ada')).participantToken
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await ts?.stop()
  })

  it('runs the timer through every action and tells every client on the board-state channel', async () => {
    const watcher = await stateWatcher(ts.url, board, participantToken)
    clients.push(watcher.client)
    expect(watcher.latest().timer ?? null).toBeNull()
    expect(typeof watcher.latest().serverNow).toBe('number')

    const before = Date.now()
    const started = await timer(ts.url, board, ws.facilitatorToken, { action: 'start', seconds: 600 })
    expect(started.status).toBe(200)
    expect(started.body.timer).toMatchObject({ running: true, remainingMs: null, durationMs: 600_000 })
    expect(started.body.timer!.endsAt).toBeGreaterThanOrEqual(before + 600_000)
    expect(started.body.timer!.endsAt).toBe(started.body.serverNow + 600_000)
    const onChannel = await waitFor(() => watcher.latest().timer, { what: 'timer on the channel' })
    expect(onChannel).toEqual(started.body.timer)

    const paused = await timer(ts.url, board, ws.facilitatorToken, { action: 'pause' })
    expect(paused.body.timer).toMatchObject({ running: false, endsAt: null })
    expect(paused.body.timer!.remainingMs).toBeLessThanOrEqual(600_000)
    await waitFor(() => watcher.latest().timer?.running === false, { what: 'paused timer on the channel' })

    const added = await timer(ts.url, board, ws.facilitatorToken, { action: 'add' })
    expect(added.body.timer!.remainingMs).toBe(paused.body.timer!.remainingMs! + 60_000)

    const resumed = await timer(ts.url, board, ws.facilitatorToken, { action: 'resume' })
    expect(resumed.body.timer).toMatchObject({ running: true, remainingMs: null })
    expect(resumed.body.timer!.endsAt).toBe(resumed.body.serverNow + added.body.timer!.remainingMs!)

    const stopped = await timer(ts.url, board, ws.facilitatorToken, { action: 'stop' })
    expect(stopped.body.timer).toBeNull()
    await waitFor(() => watcher.latest().timer === null, { what: 'stopped timer on the channel' })
  })

  it('applies a timer action sent twice with the same requestId once (a retry after a lost answer)', async () => {
    const started = await timer(ts.url, board, ws.facilitatorToken, {
      action: 'start',
      seconds: 300,
      requestId: 'start-0001',
    })
    expect(started.status).toBe(200)
    const paused = await timer(ts.url, board, ws.facilitatorToken, { action: 'pause', requestId: 'pause-0001' })
    const add: TimerActionBody = { action: 'add', requestId: 'plus-one-0001' }
    const first = await timer(ts.url, board, ws.facilitatorToken, add)
    const retry = await timer(ts.url, board, ws.facilitatorToken, add)
    expect(first.body.timer!.remainingMs).toBe(paused.body.timer!.remainingMs! + 60_000)
    expect(retry.status).toBe(200)
    expect(retry.body.timer).toEqual(first.body.timer)
    // A new click is a new id: it adds.
    const again = await timer(ts.url, board, ws.facilitatorToken, { action: 'add', requestId: 'plus-one-0002' })
    expect(again.body.timer!.remainingMs).toBe(first.body.timer!.remainingMs! + 60_000)
    // Too short an id: passed `as never`, the server must refuse it.
    const short = { action: 'add', requestId: 'short' } as never
    expect((await timer(ts.url, board, ws.facilitatorToken, short)).status).toBe(400)
    await timer(ts.url, board, ws.facilitatorToken, { action: 'stop' })
  })

  it('refuses actions that do not fit, and bad bodies, with clear errors', async () => {
    const pauseNothing = await timer(ts.url, board, ws.facilitatorToken, { action: 'pause' })
    expect(pauseNothing.status).toBe(409)
    expect(pauseNothing.body.error?.code).toBe('timer_not_running')
    expect((await timer(ts.url, board, ws.facilitatorToken, { action: 'add' })).body.error?.code).toBe('no_timer')
    for (const body of [
      { action: 'start' },
      { action: 'start', seconds: 0 },
      { action: 'start', seconds: 10 ** 9 },
      { action: 'start', seconds: 1.5 },
      { action: 'explode' },
      { action: 'pause', seconds: 10 },
      'not json',
    ]) {
      // Malformed on purpose (a string goes out as it is, not as JSON): the generic helper.
      const res = await api(ts.url, 'POST', `/api/boards/${board}/timer`, { token: ws.facilitatorToken, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBeTypeOf('string')
    }
    const unknownBoard = await timer(ts.url, 'b_nope', ws.facilitatorToken, { action: 'stop' })
    expect(unknownBoard.status).toBe(404)
  })

  it('lets only the facilitator run the timer or move views', async () => {
    const other = await createWorkshop(ts.url)
    for (const token of [participantToken, ws.projectorToken]) {
      expect((await timer(ts.url, board, token, { action: 'start', seconds: 60 })).status).toBe(403)
      const summon = await view(ts.url, board, token, {
        action: 'summon',
        pageId: 'page:page',
        viewport: { x: 0, y: 0, w: 100, h: 100 },
      })
      expect(summon.status).toBe(403)
    }
    // Another workshop's facilitator does not even learn that the board exists.
    expect((await timer(ts.url, board, other.facilitatorToken, { action: 'start', seconds: 60 })).status).toBe(404)
    expect((await timer(ts.url, board, undefined, { action: 'start', seconds: 60 })).status).toBe(401)
  })

  it('delivers "bring everyone" and "follow me" on the board-state channel, set only through the server', async () => {
    const watcher = await stateWatcher(ts.url, board, participantToken)
    clients.push(watcher.client)
    const viewport = { x: -120.5, y: 40, w: 1600, h: 900 }

    const summoned = await view(ts.url, board, ws.facilitatorToken, { action: 'summon', pageId: 'page:page', viewport })
    expect(summoned.status).toBe(200)
    const summon = await waitFor(() => watcher.latest().summon, { what: 'summon on the channel' })
    expect(summon).toMatchObject({
      pageId: 'page:page',
      viewport,
      userId: expect.any(String),
      name: expect.any(String),
    })
    expect(summon.at).toBe(summoned.body.summon?.at)

    await view(ts.url, board, ws.facilitatorToken, { action: 'follow', pageId: 'page:page', viewport })
    const followed = await waitFor(() => watcher.latest().follow, { what: 'follow on the channel' })
    expect(followed.viewport).toEqual(viewport)
    const moved = { ...viewport, x: 500 }
    await view(ts.url, board, ws.facilitatorToken, { action: 'follow', pageId: 'page:page', viewport: moved })
    const movedFollow = await waitFor(() => watcher.latest().follow?.viewport.x === 500 && watcher.latest().follow, {
      what: 'moved view on the channel',
    })
    // Moving keeps the start of "follow me": clients tell a new "follow me" from a moved one.
    expect(movedFollow.since).toBe(followed.since)
    expect(movedFollow.at).toBeGreaterThanOrEqual(followed.at)

    // A client joining now is told at once.
    const late = await stateWatcher(ts.url, board, ws.projectorToken)
    clients.push(late.client)
    expect(late.latest().follow?.viewport).toEqual(moved)

    await view(ts.url, board, ws.facilitatorToken, { action: 'unfollow' })
    await waitFor(() => watcher.latest().follow === null, { what: 'follow ended on the channel' })
    expect(watcher.latest().summon?.at).toBe(summon.at)

    // Awareness cannot start any of this: nothing a client publishes reaches the state channel.
    watcher.client.provider.awareness.setLocalState({ follow: { viewport: { x: 1, y: 1, w: 1, h: 1 } } })
    const count = watcher.states.length
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(watcher.states.slice(count).every((s) => s.follow === null)).toBe(true)

    for (const body of [
      { action: 'summon', pageId: 'page:page' },
      { action: 'follow', pageId: 'page:page', viewport: { x: 0, y: 0, w: -1, h: 10 } },
      { action: 'follow', pageId: 'page:page', viewport: { x: 1e12, y: 0, w: 10, h: 10 } },
      { action: 'follow', pageId: 'shape:x', viewport },
      { action: 'summon', pageId: 'page:page', viewport, extra: true },
    ]) {
      // Malformed on purpose: passed `as never`, the server must refuse them.
      expect((await view(ts.url, board, ws.facilitatorToken, body as never)).status, JSON.stringify(body)).toBe(400)
    }
  })

  it('tells the projector and participants the join code, and strangers nothing', async () => {
    for (const token of [ws.projectorToken, participantToken, ws.facilitatorToken]) {
      const display = await callApi(routes.boardDisplay, { params: { boardId: board }, token }, { baseUrl: ts.url })
      expect(display).toEqual({
        board: { id: board, title: 'Tisch 1', number: 1, question: expect.any(String) },
        workshop: { id: ws.workshopId, title: 'Zukunftswerkstatt', joinCode: ws.joinCode },
        publicOrigin: ts.url,
      })
    }
    const other = await createWorkshop(ts.url)
    const display = (token?: string) => callRoute(ts.url, routes.boardDisplay, { params: { boardId: board }, token })
    expect((await display(other.projectorToken)).status).toBe(404)
    expect((await display()).status).toBe(401)
  })
})

/** Starts a timer and pauses another, restarts the server on the same data, and checks both. */
async function restartKeepsTimers(env: Record<string, string>) {
  const first = await startTestServer(env)
  const ws = await createWorkshop(first.url, 2)
  const [running, paused] = ws.boardIds as [string, string]
  const started = await timer(first.url, running, ws.facilitatorToken, { action: 'start', seconds: 900 })
  expect(started.status).toBe(200)
  await timer(first.url, paused, ws.facilitatorToken, { action: 'start', seconds: 300 })
  const pausedTimer = (await timer(first.url, paused, ws.facilitatorToken, { action: 'pause' })).body.timer
  await first.server.close()

  const second = await startTestServer({ ...env, DATA_DIR: first.dataDir })
  const watchers: Awaited<ReturnType<typeof stateWatcher>>[] = []
  try {
    watchers.push(await stateWatcher(second.url, running, ws.projectorToken))
    watchers.push(await stateWatcher(second.url, paused, ws.projectorToken))
    expect(watchers[0]!.latest().timer).toEqual(started.body.timer)
    expect(watchers[1]!.latest().timer).toEqual(pausedTimer)
    // Still the same timer for the facilitator's next action.
    const added = await timer(second.url, running, ws.facilitatorToken, { action: 'add', seconds: 30 })
    expect(added.body.timer!.endsAt).toBe(started.body.timer!.endsAt! + 30_000)
    const resumed = await timer(second.url, paused, ws.facilitatorToken, { action: 'resume' })
    expect(resumed.body.timer!.endsAt).toBe(resumed.body.serverNow + pausedTimer!.remainingMs!)
  } finally {
    for (const watcher of watchers) watcher.client.destroy()
    await second.stop()
  }
}

describe('board timer across a server restart', () => {
  it('keeps the end time and the pause (SQLite)', () => restartKeepsTimers({}))

  const databaseUrl = process.env.DATABASE_URL
  it.skipIf(!databaseUrl)('keeps the end time and the pause (PostgreSQL)', async () => {
    const name = `pinnwand_timer_${process.pid}_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: databaseUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    try {
      const url = new URL(databaseUrl!)
      url.pathname = `/${name}`
      await restartKeepsTimers({ DATABASE_URL: url.toString() })
    } finally {
      await waitFor(() => admin.query(`DROP DATABASE IF EXISTS ${name}`).then(() => true), {
        timeout: 10_000,
        interval: 50,
        what: `dropping ${name}`,
      })
      await admin.end()
    }
  })
})
