import { rmSync } from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { CloseCode, type CreateIdeaResponse } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import * as systemRoutes from '@pinnwand/shared/systemRoutes'
import * as votingRoutes from '@pinnwand/shared/votingRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import {
  type ApiResponse,
  type BoardClient,
  connectClient,
  createWorkshop,
  freshDataDir,
  joinParticipant,
  startTestServer,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { freshPostgresDatabase } from './workshopAdminHelpers.ts'

type Row = { table: string; json: string }

/** Every row of every table, as JSON text: a deleted id must appear in none of them. */
async function dumpSqlite(file: string): Promise<Row[]> {
  const db = new SqliteDatabase(file, { readonly: true })
  try {
    const tables = db
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
      .all() as { name: string }[]
    return tables.flatMap(({ name }) =>
      (db.prepare(`select * from "${name}"`).all() as unknown[]).map((row) => ({
        table: name,
        json: JSON.stringify(row),
      })),
    )
  } finally {
    db.close()
  }
}

async function dumpPostgres(url: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const tables = await client.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    )
    const rows: Row[] = []
    for (const { table_name } of tables.rows) {
      const result = await client.query(`select * from "${table_name}"`)
      for (const row of result.rows) rows.push({ table: table_name, json: JSON.stringify(row) })
    }
    return rows
  } finally {
    await client.end()
  }
}

const TOMBSTONES = new Set(['deleted_workshops', 'deleted_workshop_tokens'])

function deleteSuite(
  name: string,
  setup: () => { env: Record<string, string>; dump: (dataDir: string) => Promise<Row[]> },
) {
  describe(name, () => {
    it('deletes a workshop with everything in it, closes its sockets with 4410, and says "deleted" afterwards', async () => {
      const { env, dump } = setup()
      const dataDir = freshDataDir()
      const ts = await startTestServer({ DATA_DIR: dataDir, ...env })
      const clients: BoardClient[] = []
      try {
        const doomed = await createWorkshop(ts.url, 2)
        const kept = await createWorkshop(ts.url, 1)
        const [board, otherBoard] = doomed.boardIds as [string, string]
        const ada = await joinParticipant(ts.url, doomed, 'Ada')
        const keptAda = await joinParticipant(ts.url, kept, 'Ada')

        // Data in every corner: limit, seat, log and snapshot, idea, round, vote, passphrase, tokens.
        await callApi(
          boardRoutes.updateTable,
          { params: { boardId: board }, token: doomed.facilitatorToken, body: { maxParticipants: 5 } },
          { baseUrl: ts.url },
        )
        clients.push(await connectClient(ts.url, board, ada.participantToken))
        clients.push(await connectClient(ts.url, board, doomed.facilitatorToken))
        clients.push(await connectClient(ts.url, otherBoard, doomed.projectorToken))
        const idea = await callRoute(ts.url, ideaRoutes.createIdea, {
          params: { boardId: board },
          token: ada.participantToken,
          body: { text: 'Mehr Radwege' },
        })
        expect(idea.status).toBe(201)
        const ideaId = (idea.body as CreateIdeaResponse).idea.id
        const round = await callRoute(ts.url, votingRoutes.openRound, {
          params: { boardId: board },
          token: doomed.facilitatorToken,
          body: { dotsPerParticipant: 3 },
        })
        expect(round.status).toBe(201)
        const vote = await callRoute(ts.url, votingRoutes.castVote, {
          params: { roundId: round.body.roundId },
          token: ada.participantToken,
          body: { ideaId, delta: 1 },
        })
        expect(vote.status).toBe(200)
        await callApi(
          workshopRoutes.setPassphrase,
          {
            params: { workshopId: doomed.workshopId },
            token: doomed.facilitatorToken,
            body: { passphrase: 'geheim-genug' },
          },
          { baseUrl: ts.url },
        )
        const boardProjector = await callApi(
          boardRoutes.createProjectorToken,
          { params: { boardId: otherBoard }, token: doomed.facilitatorToken },
          { baseUrl: ts.url },
        )
        const keptIdea = await callRoute(ts.url, ideaRoutes.createIdea, {
          params: { boardId: kept.boardIds[0]! },
          token: keptAda.participantToken,
          body: { text: 'Bleibt' },
        })
        expect(keptIdea.status).toBe(201)

        // Only this workshop's facilitator may delete it.
        const params = { workshopId: doomed.workshopId }
        const remove = (token?: string, workshopId = doomed.workshopId) =>
          callRoute(ts.url, workshopRoutes.deleteWorkshop, { params: { workshopId }, token })
        expect((await remove()).status).toBe(401)
        expect((await remove(ada.participantToken)).status).toBe(403)
        expect((await remove(doomed.projectorToken)).status).toBe(403)
        expect((await remove(kept.facilitatorToken)).status).toBe(403)
        expect((await remove(kept.facilitatorToken, 'ws_nope')).status).toBe(403)

        expect((await remove(doomed.facilitatorToken)).status).toBe(204)
        await waitFor(() => clients.every((c) => c.closes.length > 0), {
          what: 'every socket of the workshop to close',
        })
        for (const client of clients) expect(client.closes[0]!.code).toBe(CloseCode.workshopDeleted)

        // Every old link and code now says "deleted", never "invalid" or a blank answer.
        const gone = async (what: string, answer: Promise<ApiResponse>) => {
          const res = await answer
          expect([res.status, res.body?.error?.code], what).toEqual([410, 'workshop_deleted'])
        }
        const me = (token: string) => callRoute(ts.url, systemRoutes.getMe, { token })
        await gone(
          'overview',
          callRoute(ts.url, workshopRoutes.workshopOverview, { params, token: doomed.facilitatorToken }),
        )
        await gone('delete again', remove(doomed.facilitatorToken))
        await gone('participant', me(ada.participantToken))
        await gone('projector', me(doomed.projectorToken))
        await gone('board projector', me(boardProjector.projectorToken))
        await gone(
          'join code',
          callRoute(ts.url, boardRoutes.lookupJoinCode, { params: { joinCode: doomed.joinCode.toLowerCase() } }),
        )
        await gone(
          'join',
          callRoute(ts.url, workshopRoutes.joinWorkshop, { params, body: { name: 'Ben', joinCode: doomed.joinCode } }),
        )
        await gone(
          'recover',
          callRoute(ts.url, workshopRoutes.recoverAccess, { params, body: { passphrase: 'geheim-genug' } }),
        )
        await gone(
          'ideas',
          callRoute(ts.url, ideaRoutes.listIdeas, { params: { boardId: board }, token: ada.participantToken }),
        )
        const late = await connectClient(ts.url, board, ada.participantToken, { waitForSync: false })
        clients.push(late)
        await waitFor(() => late.closes.length > 0, { what: 'the late socket to be refused' })
        expect(late.closes[0]!.code).toBe(CloseCode.workshopDeleted)
        // A token that never existed stays "invalid".
        expect((await callRoute(ts.url, systemRoutes.getMe, { token: 'x'.repeat(43) })).status).toBe(401)

        // The other workshop is untouched.
        const keptIdeas = await callApi(
          ideaRoutes.listIdeas,
          { params: { boardId: kept.boardIds[0]! }, token: kept.facilitatorToken },
          { baseUrl: ts.url },
        )
        expect(keptIdeas.ideas.map((i) => i.text)).toEqual(['Bleibt'])

        // After a clean shutdown (which compacts loaded boards): no trace in any table.
        for (const client of clients) client.destroy()
        await ts.server.close()
        const rows = await dump(dataDir)
        const doomedIds = [doomed.workshopId, board, otherBoard, ada.participantId, round.body.roundId, ideaId]
        const traces = rows.filter((row) => !TOMBSTONES.has(row.table) && doomedIds.some((id) => row.json.includes(id)))
        expect(traces).toEqual([])
        expect(
          rows
            .filter((row) => row.table === 'deleted_workshops')
            .map((row) => row.json)
            .join(),
        ).toContain(doomed.workshopId)
        // The dump does see data: the kept workshop's rows are all there.
        const keptTables = new Set(rows.filter((row) => row.json.includes(kept.boardIds[0]!)).map((row) => row.table))
        expect([...keptTables]).toEqual(expect.arrayContaining(['boards', 'board_snapshots']))
        expect(rows.some((row) => row.table === 'participants' && row.json.includes(keptAda.participantId))).toBe(true)
      } finally {
        for (const client of clients) client.destroy()
        await ts.server.close()
        rmSync(dataDir, { recursive: true, force: true })
      }
    })
  })
}

deleteSuite('deleting a workshop (SQLite)', () => ({
  env: {},
  dump: (dataDir) => dumpSqlite(path.join(dataDir, 'pinnwand.sqlite')),
}))

describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL', () => {
  const database = freshPostgresDatabase('delete')
  deleteSuite('deleting a workshop (PostgreSQL)', () => ({
    env: { DATABASE_URL: database.url },
    dump: () => dumpPostgres(database.url),
  }))
})

describe.skipIf(!process.env.DATABASE_URL || !process.env.REDIS_URL)('PostgreSQL + Redis', () => {
  const database = freshPostgresDatabase('delete_relay')
  it('deleting through instance A closes the sockets on instance B, and B writes nothing afterwards', async () => {
    const env = { DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL! }
    const a = await startTestServer(env)
    const b = await startTestServer(env)
    const clients: BoardClient[] = []
    try {
      const doomed = await createWorkshop(a.url, 1)
      const [board] = doomed.boardIds as [string]
      const ada = await joinParticipant(a.url, doomed, 'Ada')
      const onB = await connectClient(b.url, board, ada.participantToken)
      clients.push(onB)
      const idea = await callRoute(b.url, ideaRoutes.createIdea, {
        params: { boardId: board },
        token: ada.participantToken,
        body: { text: 'Über B' },
      })
      expect(idea.status).toBe(201)

      const deleted = await callRoute(a.url, workshopRoutes.deleteWorkshop, {
        params: { workshopId: doomed.workshopId },
        token: doomed.facilitatorToken,
      })
      expect(deleted.status).toBe(204)
      await waitFor(() => onB.closes.length > 0, { what: "B's socket to close" })
      expect(onB.closes[0]!.code).toBe(CloseCode.workshopDeleted)
      expect((await callRoute(b.url, systemRoutes.getMe, { token: ada.participantToken })).status).toBe(410)

      for (const client of clients) client.destroy()
      await b.server.close()
      await a.server.close()
      const traces = (await dumpPostgres(database.url)).filter(
        (row) =>
          !TOMBSTONES.has(row.table) &&
          [doomed.workshopId, board, ada.participantId].some((id) => row.json.includes(id)),
      )
      expect(traces).toEqual([])
    } finally {
      for (const client of clients) client.destroy()
      await a.stop()
      await b.stop()
    }
  })
})
