import type { BoardProjectorSection, ProjectorActionBody } from '@pinnwand/shared'
import * as routes from '@pinnwand/shared/facilitationRoutes'
import { afterAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { twoInstances } from './helpers/twoInstances.ts'
import { createWorkshop, watchBoardState } from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

const databaseUrl = process.env.DATABASE_URL
const redisUrl = process.env.REDIS_URL

/**
 * The `projector` board-state section between two instances (issue 14): the facilitator's laptop
 * talks to instance A, the beamer's socket sits on instance B — every mode set on A is on B's
 * screen, and a projector that connects to B later starts in the mode as it is.
 */
describe.skipIf(!databaseUrl || !redisUrl)('projector mode across instances (DATABASE_URL, REDIS_URL)', () => {
  const watchers: Awaited<ReturnType<typeof watchBoardState>>[] = []

  const { a, b } = twoInstances('projector_relay', { RELAY_HEARTBEAT_MS: '100' })
  afterAll(async () => {
    for (const watcher of watchers) watcher.client.destroy()
  })

  it('a mode set through A reaches the projector on B, walkthrough steps included; a late projector on B starts there', async () => {
    const ws = await createWorkshop(a.url, 2)
    const board = ws.boardIds[0]!
    const onB = await watchBoardState(b.url, board, ws.projectorToken)
    watchers.push(onB)
    const shown = () => (onB.latest().projector as BoardProjectorSection | null | undefined) ?? null
    const set = (body: ProjectorActionBody) =>
      callRoute(a.url, routes.projectorMode, { params: { boardId: board }, body, token: ws.facilitatorToken })

    const modes: ProjectorActionBody[] = [
      { mode: 'countdown' },
      { mode: 'results', shownPlaces: 1 },
      { mode: 'walkthrough', step: 2 },
      { mode: 'join' },
    ]
    for (const body of modes) {
      const res = await set(body)
      expect(res.status).toBe(200)
      await waitFor(() => shown()?.mode === body.mode && shown()?.at === res.body.projector.at, {
        what: `${body.mode} on B`,
      })
      expect(shown()).toEqual(res.body.projector)
    }
    expect((await set({ mode: 'walkthrough', step: 3 })).body.projector).toMatchObject({ step: 3 })
    await waitFor(() => shown()?.step === 3, { what: 'walkthrough step 3 on B' })

    // A beamer switched on later, on B, shows what was chosen on A.
    const late = await watchBoardState(b.url, board, ws.projectorToken)
    watchers.push(late)
    expect(late.latest().projector).toMatchObject({ mode: 'walkthrough', step: 3 })
  })

  it('bad input through A changes nothing on B', async () => {
    const ws = await createWorkshop(a.url, 1)
    const board = ws.boardIds[0]!
    const onB = await watchBoardState(b.url, board, ws.projectorToken)
    watchers.push(onB)
    const send = (body: ProjectorActionBody, token: string) =>
      callRoute(a.url, routes.projectorMode, { params: { boardId: board }, body, token })
    const ok = await send({ mode: 'walkthrough', step: 1 }, ws.facilitatorToken)
    await waitFor(() => (onB.latest().projector as BoardProjectorSection | null)?.step === 1, { what: 'step 1' })
    for (const body of [{ mode: 'walkthrough', step: -1 }, { mode: 'walkthrough', step: 1.5 }, { mode: 'disco' }]) {
      // Malformed on purpose: passed `as never`, the server must refuse them.
      const res = await send(body as never, ws.facilitatorToken)
      expect(res.status).toBe(400)
      expect(res.body.error?.code).toBe('validation_failed')
    }
    const byProjector = await send({ mode: 'board' }, ws.projectorToken)
    expect(byProjector.status).toBe(403)
    // Nothing arrived after the refused requests: B still shows the step-1 walkthrough.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(onB.latest().projector).toEqual(ok.body.projector)
  })
})
