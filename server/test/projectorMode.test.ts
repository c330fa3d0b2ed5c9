import type { BoardProjectorSection, ProjectorActionBody } from '@pinnwand/shared'
import * as routes from '@pinnwand/shared/facilitationRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import * as votingRoutes from '@pinnwand/shared/votingRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import {
  api,
  createWorkshop,
  joinParticipant,
  startTestServer,
  type TestServer,
  type TestWorkshop,
  watchBoardState,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

/** Issue 14: the facilitator chooses what the big screen shows; it travels as server-owned state. */
describe('projector mode', () => {
  let ts: TestServer
  let ws: TestWorkshop
  let board: string
  let participantToken: string
  let projector: Awaited<ReturnType<typeof watchBoardState>>

  const setMode = (token: string | undefined, body: ProjectorActionBody, boardId = board) =>
    callRoute(ts.url, routes.projectorMode, { params: { boardId }, body, token })
  const shownMode = () => (projector.latest().projector as BoardProjectorSection | null | undefined) ?? null

  beforeAll(async () => {
    ts = await startTestServer()
    ws = await createWorkshop(ts.url, 2)
    board = ws.boardIds[0]!
    participantToken = (await joinParticipant(ts.url, ws, 'Ada')).participantToken
    projector = await watchBoardState(ts.url, board, ws.projectorToken)
  })
  afterAll(async () => {
    projector?.client.destroy()
    await ts?.stop()
  })

  it('starts on the board, and every mode the facilitator sets reaches the projector', async () => {
    expect(shownMode()).toBeNull()
    for (const mode of ['countdown', 'join', 'board'] as const) {
      const res = await setMode(ws.facilitatorToken, { mode })
      expect(res.status).toBe(200)
      expect(res.body.projector).toMatchObject({ mode, shownPlaces: null })
      await waitFor(() => shownMode()?.mode === mode, { what: `${mode} on the channel` })
    }
    // Results step by step: two places from the bottom, then all at once.
    await setMode(ws.facilitatorToken, { mode: 'results', shownPlaces: 2 })
    await waitFor(() => shownMode()?.mode === 'results' && shownMode()?.shownPlaces === 2, { what: 'two places' })
    await setMode(ws.facilitatorToken, { mode: 'results', shownPlaces: null })
    await waitFor(() => shownMode()?.shownPlaces === null, { what: 'all places' })
    // Places mean nothing outside the results.
    expect((await setMode(ws.facilitatorToken, { mode: 'join', shownPlaces: 3 })).body.projector.shownPlaces).toBeNull()
  })

  it('gives a projector that connects later the mode as it is', async () => {
    await setMode(ws.facilitatorToken, { mode: 'countdown' })
    const late = await watchBoardState(ts.url, board, ws.projectorToken)
    try {
      expect((late.latest().projector as BoardProjectorSection).mode).toBe('countdown')
    } finally {
      late.client.destroy()
    }
    // Each board has its own big screen.
    const other = await watchBoardState(ts.url, ws.boardIds[1]!, ws.projectorToken)
    try {
      expect(other.latest().projector ?? null).toBeNull()
    } finally {
      other.client.destroy()
    }
  })

  it('lets only the facilitator choose, and refuses bad bodies with a clear error', async () => {
    await setMode(ws.facilitatorToken, { mode: 'join' })
    await waitFor(() => shownMode()?.mode === 'join', { what: 'join' })
    for (const token of [participantToken, ws.projectorToken]) {
      const refused = await setMode(token, { mode: 'board' })
      expect(refused.status).toBe(403)
      expect(refused.body.error?.code).toBeTypeOf('string')
    }
    expect((await setMode(undefined, { mode: 'board' })).status).toBe(401)
    const stranger = await createWorkshop(ts.url)
    expect((await setMode(stranger.facilitatorToken, { mode: 'board' })).status).toBe(404)
    for (const body of [
      { mode: 'karaoke' },
      { mode: 'results', shownPlaces: -1 },
      { mode: 'results', shownPlaces: 1.5 },
      { mode: 'results', shownPlaces: 10_000 },
      { mode: 'board', extra: true },
      {},
      'not json',
    ]) {
      // Malformed on purpose (a string goes out as it is, not as JSON): the generic helper.
      const res = await api(ts.url, 'POST', `/api/boards/${board}/projector`, { token: ws.facilitatorToken, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBeTypeOf('string')
      expect(res.body.error.message).toBeTypeOf('string')
    }
    // Nothing of that changed what the screen shows.
    await callApi(
      boardRoutes.setBoardLock,
      { params: { boardId: board }, token: ws.facilitatorToken, body: { locked: true } },
      { baseUrl: ts.url },
    )
    await waitFor(() => projector.latest().locked === true, { what: 'lock' })
    expect(shownMode()?.mode).toBe('join')
  })

  it('shows the results when a round is revealed, without undoing a place-by-place reveal', async () => {
    const token = ws.facilitatorToken
    const params = { boardId: board }
    const openRound = () =>
      callRoute(ts.url, votingRoutes.openRound, { params, body: { dotsPerParticipant: 2 }, token })
    const reveal = (roundId: string) =>
      callApi(votingRoutes.revealRound, { params: { roundId }, token }, { baseUrl: ts.url })
    await callApi(boardRoutes.setBoardLock, { params, body: { locked: false }, token }, { baseUrl: ts.url })
    await callApi(ideaRoutes.createIdea, { params, body: { text: 'Trinkbrunnen' }, token }, { baseUrl: ts.url })
    await setMode(ws.facilitatorToken, { mode: 'join' })
    const first = await openRound()
    expect(first.status).toBe(201)
    // Opening a round leaves the big screen alone (latecomers may still need the join code).
    await waitFor(() => (projector.latest().round as { status?: string } | null)?.status === 'open', { what: 'open' })
    expect(shownMode()?.mode).toBe('join')
    await reveal(first.body.roundId)
    await waitFor(() => shownMode()?.mode === 'results', { what: 'results after the reveal' })
    expect(shownMode()?.shownPlaces).toBeNull()

    // Already on the results, place by place: a reveal keeps that.
    await setMode(ws.facilitatorToken, { mode: 'results', shownPlaces: 0 })
    const second = await openRound()
    await reveal(second.body.roundId)
    await waitFor(() => (projector.latest().round as { id?: string } | null)?.id === second.body.roundId, {
      what: 'second round',
    })
    await waitFor(() => (projector.latest().round as { status?: string }).status === 'revealed', { what: 'revealed' })
    expect(shownMode()).toMatchObject({ mode: 'results', shownPlaces: 0 })
  })
})
