import { rmSync } from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { CloseCode } from '@pinnwand/shared'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import {
  api,
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
        await api(ts.url, 'PATCH', `/api/boards/${board}`, {
          token: doomed.facilitatorToken,
          body: { maxParticipants: 5 },
        })
        clients.push(await connectClient(ts.url, board, ada.participantToken))
        clients.push(await connectClient(ts.url, board, doomed.facilitatorToken))
        clients.push(await connectClient(ts.url, otherBoard, doomed.projectorToken))
        const idea = await api(ts.url, 'POST', `/api/boards/${board}/ideas`, {
          token: ada.participantToken,
          body: { text: 'Mehr Radwege' },
        })
        expect(idea.status).toBe(201)
        const round = await api(ts.url, 'POST', `/api/boards/${board}/rounds`, {
          token: doomed.facilitatorToken,
          body: { dotsPerParticipant: 3 },
        })
        expect(round.status).toBe(201)
        const vote = await api(ts.url, 'POST', `/api/rounds/${round.body.roundId}/votes`, {
          token: ada.participantToken,
          body: { ideaId: idea.body.idea.id, delta: 1 },
        })
        expect(vote.status).toBe(200)
        await api(ts.url, 'POST', `/api/workshops/${doomed.workshopId}/passphrase`, {
          token: doomed.facilitatorToken,
          body: { passphrase: 'geheim-genug' },
        })
        const boardProjector = await api(ts.url, 'POST', `/api/boards/${otherBoard}/projector-token`, {
          token: doomed.facilitatorToken,
        })
        const keptIdea = await api(ts.url, 'POST', `/api/boards/${kept.boardIds[0]}/ideas`, {
          token: keptAda.participantToken,
          body: { text: 'Bleibt' },
        })
        expect(keptIdea.status).toBe(201)

        // Only this workshop's facilitator may delete it.
        const route = `/api/workshops/${doomed.workshopId}`
        expect((await api(ts.url, 'DELETE', route)).status).toBe(401)
        expect((await api(ts.url, 'DELETE', route, { token: ada.participantToken })).status).toBe(403)
        expect((await api(ts.url, 'DELETE', route, { token: doomed.projectorToken })).status).toBe(403)
        expect((await api(ts.url, 'DELETE', route, { token: kept.facilitatorToken })).status).toBe(403)
        expect((await api(ts.url, 'DELETE', '/api/workshops/ws_nope', { token: kept.facilitatorToken })).status).toBe(
          403,
        )

        expect((await api(ts.url, 'DELETE', route, { token: doomed.facilitatorToken })).status).toBe(204)
        await waitFor(() => clients.every((c) => c.closes.length > 0), {
          what: 'every socket of the workshop to close',
        })
        for (const client of clients) expect(client.closes[0]!.code).toBe(CloseCode.workshopDeleted)

        // Every old link and code now says "deleted", never "invalid" or a blank answer.
        const gone = async (method: string, route: string, token?: string, body?: unknown) => {
          const res = await api(ts.url, method, route, { token, body })
          expect([res.status, res.body?.error?.code], `${method} ${route}`).toEqual([410, 'workshop_deleted'])
        }
        await gone('GET', route, doomed.facilitatorToken)
        await gone('DELETE', route, doomed.facilitatorToken)
        await gone('GET', '/api/me', ada.participantToken)
        await gone('GET', '/api/me', doomed.projectorToken)
        await gone('GET', '/api/me', boardProjector.body.projectorToken)
        await gone('GET', `/api/join/${doomed.joinCode.toLowerCase()}`)
        await gone('POST', `${route}/participants`, undefined, { name: 'Ben', joinCode: doomed.joinCode })
        await gone('POST', `${route}/recover`, undefined, { passphrase: 'geheim-genug' })
        await gone('GET', `/api/boards/${board}/ideas`, ada.participantToken)
        const late = await connectClient(ts.url, board, ada.participantToken, { waitForSync: false })
        clients.push(late)
        await waitFor(() => late.closes.length > 0, { what: 'the late socket to be refused' })
        expect(late.closes[0]!.code).toBe(CloseCode.workshopDeleted)
        // A token that never existed stays "invalid".
        expect((await api(ts.url, 'GET', '/api/me', { token: 'x'.repeat(43) })).status).toBe(401)

        // The other workshop is untouched.
        const keptIdeas = await api(ts.url, 'GET', `/api/boards/${kept.boardIds[0]}/ideas`, {
          token: kept.facilitatorToken,
        })
        expect(keptIdeas.body.ideas.map((i: { text: string }) => i.text)).toEqual(['Bleibt'])

        // After a clean shutdown (which compacts loaded boards): no trace in any table.
        for (const client of clients) client.destroy()
        await ts.server.close()
        const rows = await dump(dataDir)
        const doomedIds = [
          doomed.workshopId,
          board,
          otherBoard,
          ada.participantId,
          round.body.roundId,
          idea.body.idea.id,
        ]
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
      const idea = await api(b.url, 'POST', `/api/boards/${board}/ideas`, {
        token: ada.participantToken,
        body: { text: 'Über B' },
      })
      expect(idea.status).toBe(201)

      expect(
        (await api(a.url, 'DELETE', `/api/workshops/${doomed.workshopId}`, { token: doomed.facilitatorToken })).status,
      ).toBe(204)
      await waitFor(() => onB.closes.length > 0, { what: "B's socket to close" })
      expect(onB.closes[0]!.code).toBe(CloseCode.workshopDeleted)
      expect((await api(b.url, 'GET', '/api/me', { token: ada.participantToken })).status).toBe(410)

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
