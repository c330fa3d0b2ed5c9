import * as controlRoutes from '@pinnwand/shared/controlRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as facilitationRoutes from '@pinnwand/shared/facilitationRoutes'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { type FreshDatabase, freshPostgres } from './helpers/freshPostgres.ts'
import {
  connectClient,
  createWorkshop,
  joinParticipant,
  startTestServer,
  type TestServer,
  watchBoardState,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { addIdeas, bulk, newRequestId, openStatusStream, status } from './controlRoomHelpers.ts'
import { vote } from './votingHelpers.ts'

const databaseUrl = process.env.DATABASE_URL

/** The control room on one instance, on SQLite and (with DATABASE_URL) on PostgreSQL. */
describe.each([{ name: 'SQLite', postgres: false }, ...(databaseUrl ? [{ name: 'PostgreSQL', postgres: true }] : [])])(
  'control room on $name',
  ({ postgres }) => {
    let t: TestServer
    let database: FreshDatabase | undefined
    beforeAll(async () => {
      database = postgres ? await freshPostgres(databaseUrl!, 'control') : undefined
      t = await startTestServer(database ? { DATABASE_URL: database.url } : {})
    })
    afterAll(async () => {
      await t?.stop()
      await database?.drop()
    })

    it('sets the phase of 12 tables in one request, and a retry with the same id applies nothing twice', async () => {
      const workshop = await createWorkshop(t.url, 12)
      const requestId = newRequestId()
      const first = await bulk(t.url, workshop, { type: 'phase', phase: 'cluster' }, { requestId })
      expect(first.status).toBe(200)
      expect(first.body.results).toHaveLength(12)
      expect(first.body.results.every((r) => r.ok && !r.repeated)).toBe(true)
      const after = await status(t.url, workshop)
      expect(after.tables.map((table) => table.phase)).toEqual(Array(12).fill('cluster'))
      expect(after.tables.map((table) => table.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])

      const retry = await bulk(t.url, workshop, { type: 'phase', phase: 'cluster' }, { requestId })
      expect(retry.body.results.every((r) => r.ok && r.repeated)).toBe(true)
    })

    it('opens the same round on the chosen tables; a table with an open round says why, the others take it', async () => {
      const workshop = await createWorkshop(t.url, 4)
      const [b1, b2, b3, b4] = workshop.boardIds as [string, string, string, string]
      for (const boardId of workshop.boardIds) await addIdeas(t.server, boardId, 2)
      // Table 2 already votes.
      const early = await bulk(
        t.url,
        workshop,
        { type: 'openRound', round: { dotsPerParticipant: 2 } },
        { boardIds: [b2] },
      )
      expect(early.body.results[0]?.ok).toBe(true)

      const res = await bulk(
        t.url,
        workshop,
        { type: 'openRound', round: { dotsPerParticipant: 3, anonymous: true } },
        {
          boardIds: [b1, b2, b3],
        },
      )
      expect(res.status).toBe(200)
      const byBoard = new Map(res.body.results.map((r) => [r.boardId, r]))
      expect(byBoard.get(b1)?.ok).toBe(true)
      expect(byBoard.get(b3)?.ok).toBe(true)
      expect(byBoard.get(b2)).toMatchObject({ ok: false, status: 409, error: { code: 'round_already_open' } })
      expect(byBoard.has(b4)).toBe(false)

      const tables = new Map((await status(t.url, workshop)).tables.map((table) => [table.id, table]))
      expect(tables.get(b1)?.round).toMatchObject({ status: 'open', dotsPerParticipant: 3, totalVotes: 0, done: 0 })
      expect(tables.get(b1)?.phase).toBe('vote')
      expect(tables.get(b2)?.round?.dotsPerParticipant).toBe(2)
      expect(tables.get(b4)?.round).toBeNull()

      const reveal = await bulk(t.url, workshop, { type: 'revealRound' })
      const revealed = new Map(reveal.body.results.map((r) => [r.boardId, r]))
      expect([b1, b2, b3].every((id) => revealed.get(id)?.ok)).toBe(true)
      expect(revealed.get(b4)).toMatchObject({ ok: false, error: { code: 'no_round' } })
      const final = await status(t.url, workshop)
      expect(final.tables.filter((table) => table.round?.status === 'revealed')).toHaveLength(3)
    })

    it('counts voters done of those present as they place their last dot', async () => {
      const workshop = await createWorkshop(t.url, 2)
      const boardId = workshop.boardIds[0]!
      const ideas = await addIdeas(t.server, boardId, 3)
      const people = await Promise.all(['Ada', 'Ben', 'Cem'].map((name) => joinParticipant(t.url, workshop, name)))
      const clients = await Promise.all(people.map((p) => connectClient(t.url, boardId, p.participantToken)))
      try {
        const opened = await bulk(
          t.url,
          workshop,
          { type: 'openRound', round: { dotsPerParticipant: 2 } },
          {
            boardIds: [boardId],
          },
        )
        expect(opened.body.results[0]?.ok).toBe(true)
        const roundId = (await status(t.url, workshop)).tables[0]!.round!.id
        await vote(t.url, people[0]!.participantToken, roundId, ideas[0]!)
        await vote(t.url, people[0]!.participantToken, roundId, ideas[1]!)
        await vote(t.url, people[1]!.participantToken, roundId, ideas[0]!)
        await waitFor(async () => (await status(t.url, workshop)).tables[0]!.present === 3, {
          timeout: 10_000,
          what: 'three present',
        })
        const table = (await status(t.url, workshop)).tables[0]!
        expect(table.round).toMatchObject({ voters: 2, done: 1, totalVotes: 3 })
      } finally {
        for (const client of clients) client.destroy()
      }
    })

    it('names the people at a table who are not done yet, in named rounds only', async () => {
      const workshop = await createWorkshop(t.url, 1)
      const boardId = workshop.boardIds[0]!
      const ideas = await addIdeas(t.server, boardId, 2)
      const people = []
      for (const name of ['Ada', 'Ben', 'Cem']) {
        const person = await joinParticipant(t.url, workshop, name)
        await callApi(
          workshopRoutes.takeSeat,
          { params: { boardId }, token: person.participantToken },
          { baseUrl: t.url },
        )
        people.push(person)
      }
      await bulk(t.url, workshop, { type: 'openRound', round: { dotsPerParticipant: 2, anonymous: false } })
      const roundId = (await status(t.url, workshop)).tables[0]!.round!.id
      await vote(t.url, people[0]!.participantToken, roundId, ideas[0]!)
      await vote(t.url, people[0]!.participantToken, roundId, ideas[1]!)
      await vote(t.url, people[1]!.participantToken, roundId, ideas[0]!)
      expect((await status(t.url, workshop)).tables[0]!.round).toMatchObject({ done: 1, notDone: ['Ben', 'Cem'] })

      await bulk(t.url, workshop, { type: 'closeRound' })
      await bulk(t.url, workshop, { type: 'openRound', round: { dotsPerParticipant: 2, anonymous: true } })
      expect((await status(t.url, workshop)).tables[0]!.round!.notDone).toBeUndefined()
    })

    it('"Ich bin fertig": counted while collecting and in a round, taken back, cleared by a phase change', async () => {
      const workshop = await createWorkshop(t.url, 1)
      const boardId = workshop.boardIds[0]!
      const ideas = await addIdeas(t.server, boardId, 2)
      const [ada, ben] = [await joinParticipant(t.url, workshop, 'Ada'), await joinParticipant(t.url, workshop, 'Ben')]
      for (const p of [ada, ben])
        await callApi(workshopRoutes.takeSeat, { params: { boardId }, token: p.participantToken }, { baseUrl: t.url })
      const done = (token: string, value: boolean) =>
        callRoute(t.url, controlRoutes.setDone, { params: { boardId }, body: { done: value }, token })
      const finished = async () => (await status(t.url, workshop)).tables[0]!.finished

      expect(await finished()).toBe(0)
      expect((await done(ada.participantToken, true)).body).toEqual({ done: true, context: 'collect' })
      expect((await done(ada.participantToken, true)).status).toBe(200)
      expect(await finished()).toBe(1)
      const asked = await callApi(
        controlRoutes.getDone,
        { params: { boardId }, token: ada.participantToken },
        { baseUrl: t.url },
      )
      expect(asked.done).toBe(true)
      await done(ada.participantToken, false)
      expect(await finished()).toBe(0)
      await done(ben.participantToken, true)
      expect(await finished()).toBe(1)

      // The facilitator does not say it; a board that asks nothing refuses it.
      expect((await done(workshop.facilitatorToken, true)).status).toBe(403)
      await bulk(t.url, workshop, { type: 'phase', phase: 'cluster' })
      expect(await finished()).toBeNull()
      const refused = await done(ada.participantToken, true)
      expect([refused.status, refused.body.error?.code]).toEqual([409, 'nothing_to_finish'])

      // Back to collecting: a new task, nobody is done with it yet.
      await bulk(t.url, workshop, { type: 'phase', phase: 'collect' })
      expect(await finished()).toBe(0)

      // In a named round, saying "fertig" counts as done without spending every dot.
      await bulk(t.url, workshop, { type: 'openRound', round: { dotsPerParticipant: 2, anonymous: false } })
      const roundId = (await status(t.url, workshop)).tables[0]!.round!.id
      await vote(t.url, ada.participantToken, roundId, ideas[0]!)
      await done(ben.participantToken, true)
      expect((await status(t.url, workshop)).tables[0]!.round).toMatchObject({ done: 1, notDone: ['Ada'] })
    })

    it('refuses another workshop’s token, and another workshop’s tables table by table', async () => {
      const a = await createWorkshop(t.url, 2)
      const b = await createWorkshop(t.url, 2)
      const foreignToken = await bulk(t.url, b, { type: 'lock', locked: true }, { token: a.facilitatorToken })
      expect(foreignToken.status).toBe(403)
      const mixed = await bulk(t.url, a, { type: 'lock', locked: true }, { boardIds: [a.boardIds[0]!, b.boardIds[0]!] })
      expect(mixed.status).toBe(200)
      expect(mixed.body.results[0]).toMatchObject({ ok: true })
      expect(mixed.body.results[1]).toMatchObject({ ok: false, status: 404 })
      expect((await status(t.url, b)).tables.every((table) => !table.locked)).toBe(true)
      const participant = await joinParticipant(t.url, a, 'Eve')
      const byParticipant = await bulk(
        t.url,
        a,
        { type: 'lock', locked: false },
        { token: participant.participantToken },
      )
      expect(byParticipant.status).toBe(403)
      const statusByParticipant = await callRoute(t.url, controlRoutes.workshopStatus, {
        params: { workshopId: a.workshopId },
        token: participant.participantToken,
      })
      expect(statusByParticipant.status).toBe(403)
    })

    it('numbers the tables 1…N around the plenary, and "all tables" leaves the plenary alone', async () => {
      const created = await callRoute(t.url, workshopRoutes.createWorkshop, {
        body: {
          title: 'Forum',
          boards: [{ title: 'Mobilität' }, { title: 'Plenum', template: 'plenum' }, { title: 'Wohnen' }],
        },
      })
      expect(created.status).toBe(201)
      const workshop = {
        workshopId: created.body.workshop.id as string,
        joinCode: created.body.workshop.joinCode as string,
        facilitatorToken: created.body.facilitatorToken as string,
        projectorToken: '',
        boardIds: (created.body.boards as { id: string }[]).map((b) => b.id),
      }
      const before = await status(t.url, workshop)
      expect(before.tables.map((table) => [table.number, table.kind])).toEqual([
        [1, 'table'],
        [null, 'plenary'],
        [2, 'table'],
      ])
      // The board header asks the display endpoint for the number.
      const numbersShown = []
      for (const boardId of workshop.boardIds) {
        const display = await callApi(
          facilitationRoutes.boardDisplay,
          { params: { boardId }, token: workshop.facilitatorToken },
          { baseUrl: t.url },
        )
        numbersShown.push(display.board.number)
      }
      expect(numbersShown).toEqual([1, null, 2])
      const locked = await bulk(t.url, workshop, { type: 'lock', locked: true })
      expect(locked.body.results.map((r) => r.boardId)).toEqual([workshop.boardIds[0], workshop.boardIds[2]])
      const after = await status(t.url, workshop)
      expect(after.tables.map((table) => table.locked)).toEqual([true, false, true])
    })

    it('sends a message to every device of the chosen tables, and brings everyone to the plenary', async () => {
      const created = await callApi(
        workshopRoutes.createWorkshop,
        {
          body: {
            title: 'Forum',
            boards: [{ title: 'Mobilität' }, { title: 'Wohnen' }, { title: 'Plenum', template: 'plenum' }],
          },
        },
        { baseUrl: t.url },
      )
      const [b1, b2, plenary] = created.boards.map((b) => b.id) as [string, string, string]
      const workshop = {
        workshopId: created.workshop.id,
        joinCode: created.workshop.joinCode,
        facilitatorToken: created.facilitatorToken,
        projectorToken: '',
        boardIds: [b1, b2, plenary],
      }
      const ada = await joinParticipant(t.url, workshop, 'Ada')
      const phone = await watchBoardState(t.url, b2, ada.participantToken)
      try {
        const sent = await bulk(t.url, workshop, {
          type: 'message',
          message: { text: 'Noch 5 Minuten, dann Plenum <script>x</script>' },
        })
        expect(sent.body.results.map((r) => [r.boardId, r.ok])).toEqual([
          [b1, true],
          [b2, true],
        ])
        await waitFor(() => (phone.latest().message as { text?: string } | null)?.text?.startsWith('Noch 5') === true, {
          what: 'message on the phone',
        })
        expect((phone.latest().message as { plenaryBoardId: string | null }).plenaryBoardId).toBeNull()

        const toPlenary = await bulk(t.url, workshop, {
          type: 'message',
          message: { text: 'Bitte ins Plenum', toPlenary: true },
        })
        expect(toPlenary.body.results.every((r) => r.ok)).toBe(true)
        await waitFor(
          () => (phone.latest().message as { plenaryBoardId?: string } | null)?.plenaryBoardId === plenary,
          {
            what: 'plenary link on the phone',
          },
        )
        // A device that connects later sees the message too.
        const late = await watchBoardState(t.url, b2, ada.participantToken)
        expect((late.latest().message as { text: string }).text).toBe('Bitte ins Plenum')
        late.client.destroy()

        // Taken down again.
        await bulk(t.url, workshop, { type: 'message', message: { text: '' } }, { boardIds: [b2] })
        await waitFor(() => phone.latest().message === null, { what: 'message taken down' })

        const tooLong = await bulk(t.url, workshop, { type: 'message', message: { text: 'x'.repeat(201) } })
        expect(tooLong.status).toBe(400)
        const byParticipant = await callRoute(t.url, controlRoutes.sendBoardMessage, {
          params: { boardId: b2 },
          body: { text: 'Alle nach Hause' },
          token: ada.participantToken,
        })
        expect(byParticipant.status).toBe(403)
      } finally {
        phone.client.destroy()
      }
      const noPlenary = await createWorkshop(t.url, 1)
      const refused = await bulk(t.url, noPlenary, { type: 'message', message: { text: 'Plenum', toPlenary: true } })
      expect(refused.body.results[0]).toMatchObject({ ok: false, status: 409, error: { code: 'no_plenary' } })
    })

    it('refuses bad bulk bodies with a clear error and changes nothing', async () => {
      const workshop = await createWorkshop(t.url, 2)
      // Malformed on purpose: passed `as never`, the server must refuse them.
      for (const body of [
        { action: { type: 'phase', phase: 'sleep' }, requestId: newRequestId() },
        { action: { type: 'explode' }, requestId: newRequestId() },
        { action: { type: 'lock', locked: true } },
        { action: { type: 'lock', locked: true }, requestId: newRequestId(), boardIds: [] },
      ]) {
        const res = await callRoute(t.url, controlRoutes.runBulkAction, {
          params: { workshopId: workshop.workshopId },
          body: body as never,
          token: workshop.facilitatorToken,
        })
        expect(res.status).toBe(400)
        expect(res.body.error?.code).toBeTruthy()
      }
      expect((await status(t.url, workshop)).tables.every((table) => !table.locked && table.phase === 'collect')).toBe(
        true,
      )
    })

    it('rate limits a flood of bulk calls; every table is either locked or not, never in between', async () => {
      const workshop = await createWorkshop(t.url, 3)
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => bulk(t.url, workshop, { type: 'lock', locked: i % 2 === 0 })),
      )
      const limited = answers.filter((a) => a.status === 429)
      expect(limited.length).toBeGreaterThan(0)
      expect(limited[0]!.headers.get('retry-after')).toBeTruthy()
      for (const answer of answers.filter((a) => a.status === 200)) expect(answer.body.results).toHaveLength(3)
    })

    it('an open status stream does not hold up a graceful shutdown', async () => {
      const own = await startTestServer(database ? { DATABASE_URL: database.url } : {})
      const workshop = await createWorkshop(own.url, 1)
      const stream = openStatusStream(own.url, workshop)
      await waitFor(() => stream.received.length > 0, { timeout: 10_000, what: 'first status' })
      const started = Date.now()
      await own.stop()
      expect(Date.now() - started).toBeLessThan(5000)
      await stream.close()
    })

    it('streams a new status when a table changes, without being asked again', async () => {
      const workshop = await createWorkshop(t.url, 2)
      const stream = openStatusStream(t.url, workshop)
      try {
        await waitFor(() => stream.received.length > 0, { timeout: 10_000, what: 'first status' })
        expect(stream.latest()!.tables.map((table) => table.phase)).toEqual(['collect', 'collect'])
        await callApi(
          boardRoutes.setBoardLock,
          { params: { boardId: workshop.boardIds[1]! }, token: workshop.facilitatorToken, body: { locked: true } },
          { baseUrl: t.url },
        )
        await waitFor(() => stream.latest()?.tables[1]?.locked === true, { timeout: 10_000, what: 'lock streamed' })
      } finally {
        await stream.close()
      }
    })
  },
)
