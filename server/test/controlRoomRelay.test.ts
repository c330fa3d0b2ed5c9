import { afterAll, describe, expect, it } from 'vitest'
import { twoInstances } from './helpers/twoInstances.ts'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  joinParticipant,
  startTestServer,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { addIdeas, bulk, newRequestId, openStatusStream, status } from './controlRoomHelpers.ts'
import { vote } from './votingHelpers.ts'

const databaseUrl = process.env.DATABASE_URL
const redisUrl = process.env.REDIS_URL

/**
 * The control room on two instances sharing PostgreSQL and Redis: a dashboard on A sees what
 * happens on B (people present, phases, votes), and a bulk action whose instance died is
 * completed by a retry on the other one, exactly once per table.
 */
describe.skipIf(!databaseUrl || !redisUrl)('control room across instances (DATABASE_URL, REDIS_URL)', () => {
  const clients: BoardClient[] = []

  const suite = twoInstances('control_relay', { RELAY_HEARTBEAT_MS: '100' })
  const { a, b } = suite
  afterAll(async () => {
    for (const client of clients) client.destroy()
  })

  it('a dashboard streamed from A shows presence, phase and votes that happen on B', async () => {
    const workshop = await createWorkshop(a.url, 3)
    const boardId = workshop.boardIds[2]!
    const ideas = await addIdeas(b.server, boardId, 2)
    const stream = openStatusStream(a.url, workshop)
    try {
      await waitFor(() => stream.received.length > 0, { timeout: 10_000, what: 'first status on A' })
      const ada = await joinParticipant(b.url, workshop, 'Ada')
      clients.push(await connectClient(b.url, boardId, ada.participantToken))
      await waitFor(() => stream.latest()?.tables[2]?.present === 1, { timeout: 10_000, what: 'Ada present on A' })

      const opened = await bulk(
        b.url,
        workshop,
        { type: 'openRound', round: { dotsPerParticipant: 1 } },
        {
          boardIds: [boardId],
        },
      )
      expect(opened.body.results[0]?.ok).toBe(true)
      await waitFor(() => stream.latest()?.tables[2]?.round?.status === 'open', { timeout: 10_000, what: 'round on A' })
      expect(stream.latest()!.tables[2]!.phase).toBe('vote')

      const roundId = stream.latest()!.tables[2]!.round!.id
      expect((await vote(b.url, ada.participantToken, roundId, ideas[0]!)).status).toBe(200)
      await waitFor(() => stream.latest()?.tables[2]?.round?.done === 1, { timeout: 10_000, what: 'Ada done on A' })
    } finally {
      await stream.close()
    }
  })

  it('a retry on B after C died completes the rest of a bulk action exactly once', async () => {
    const c = await startTestServer({
      DATABASE_URL: suite.databaseUrl,
      REDIS_URL: redisUrl!,
      RELAY_HEARTBEAT_MS: '100',
    })
    const workshop = await createWorkshop(c.url, 12)
    const requestId = newRequestId()
    // C takes the first half, then dies before it could do the rest.
    const half = workshop.boardIds.slice(0, 6)
    const started = await bulk(
      c.url,
      workshop,
      { type: 'timer', timer: { action: 'start', seconds: 600 } },
      {
        requestId,
        boardIds: half,
      },
    )
    expect(started.body.results.every((r) => r.ok)).toBe(true)
    await c.stop()

    const retry = await bulk(
      b.url,
      workshop,
      { type: 'timer', timer: { action: 'start', seconds: 600 } },
      { requestId },
    )
    const repeated = retry.body.results.filter((r) => r.repeated).map((r) => r.boardId)
    expect(repeated.sort()).toEqual([...half].sort())
    expect(retry.body.results.every((r) => r.ok)).toBe(true)
    const tables = (await status(a.url, workshop)).tables
    expect(tables.every((table) => table.timer?.running)).toBe(true)
  })
})
