import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

/** Issue 14: opening a round sets the vote phase, revealing sets results; by hand still works. */
describe('phases follow the voting round', () => {
  let ts: TestServer
  let ws: TestWorkshop
  let board: string
  let participant: { participantId: string; participantToken: string }
  let watcher: Awaited<ReturnType<typeof watchBoardState>>

  const facilitator = (method: string, route: string, body?: unknown) =>
    api(ts.url, method, route, { token: ws.facilitatorToken, body })
  /** The phase as stored (what a board loaded later, the dashboard and the report see). */
  const storedPhase = async () =>
    ((await facilitator('GET', `/api/workshops/${ws.workshopId}`)).body.boards as { id: string; phase: string }[]).find(
      (b) => b.id === board,
    )!.phase

  beforeAll(async () => {
    ts = await startTestServer()
    ws = await createWorkshop(ts.url)
    board = ws.boardIds[0]!
    participant = await joinParticipant(ts.url, ws, 'Ada')
    // A participant's copy of the board: the phase chip reads this channel.
    watcher = await watchBoardState(ts.url, board, participant.participantToken)
  })
  afterAll(async () => {
    watcher?.client.destroy()
    await ts?.stop()
  })

  it('opening a round sets the vote phase, revealing it sets results, for everyone and in the store', async () => {
    expect(watcher.latest().phase).toBe('collect')
    await facilitator('POST', `/api/boards/${board}/phase`, { phase: 'cluster' })
    await waitFor(() => watcher.latest().phase === 'cluster', { what: 'cluster phase by hand' })
    await facilitator('POST', `/api/boards/${board}/ideas`, { text: 'Trinkbrunnen' })

    const open = await facilitator('POST', `/api/boards/${board}/rounds`, { dotsPerParticipant: 3 })
    expect(open.status).toBe(201)
    await waitFor(() => watcher.latest().phase === 'vote', { what: 'vote phase on the channel' })
    expect(await storedPhase()).toBe('vote')

    // Closing alone changes nothing: the results are not visible yet.
    await facilitator('POST', `/api/rounds/${open.body.roundId}/close`)
    await waitFor(() => (watcher.latest().round as { status?: string } | null)?.status === 'closed', {
      what: 'closed round',
    })
    expect(watcher.latest().phase).toBe('vote')

    const reveal = await facilitator('POST', `/api/rounds/${open.body.roundId}/reveal`)
    expect(reveal.status).toBe(200)
    await waitFor(() => watcher.latest().phase === 'results', { what: 'results phase on the channel' })
    expect(await storedPhase()).toBe('results')
  })

  it('the facilitator can still set a phase by hand; a refused round changes no phase', async () => {
    const manual = await facilitator('POST', `/api/boards/${board}/phase`, { phase: 'collect' })
    expect(manual.status).toBe(200)
    await waitFor(() => watcher.latest().phase === 'collect', { what: 'collect phase by hand' })

    // Bad input: the round is refused, and the phase stays where the facilitator put it.
    const refused = await facilitator('POST', `/api/boards/${board}/rounds`, {
      dotsPerParticipant: 3,
      ideaIds: ['shape:nope'],
    })
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('unknown_idea')
    // A participant may neither open a round nor move the phase that way.
    const byParticipant = await api(ts.url, 'POST', `/api/boards/${board}/rounds`, {
      token: participant.participantToken,
      body: { dotsPerParticipant: 3 },
    })
    expect(byParticipant.status).toBe(403)
    const seen = watcher.states.length
    // One more message the other way round proves the channel is alive and nothing came before it.
    await facilitator('POST', `/api/boards/${board}/lock`, { locked: true })
    await waitFor(() => watcher.latest().locked === true, { what: 'lock' })
    expect(watcher.states.slice(seen).every((s) => s.phase === undefined || s.phase === 'collect')).toBe(true)
    expect(await storedPhase()).toBe('collect')
  })
})
