import * as controlRoutes from '@pinnwand/shared/controlRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import type { CreateWorkshopBody } from '@pinnwand/shared'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { Migrator } from 'kysely/migration'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { callRoute } from './helpers/callRoute.ts'
import { migrationProvider } from '../src/store/migrations.ts'
import { KyselyStore, migrate } from '../src/store/kyselyStore.ts'
import type { Database } from '../src/store/schema.ts'
import { connectClient, joinParticipant, startTestServer, type TestServer } from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
})
afterAll(async () => {
  await t.stop()
})

type BoardInput = z.input<typeof CreateWorkshopBody>['boards'][number]

async function forum(plenary: BoardInput = { title: 'Plenum', kind: 'plenary' }) {
  const res = await callRoute(t.url, workshopRoutes.createWorkshop, {
    body: { title: 'Regionalforum', boards: [{ title: 'Mobilität' }, { title: 'Grün' }, plenary] },
  })
  expect(res.status).toBe(201)
  return res.body
}

const seat = (boardId: string, token: string) =>
  callRoute(t.url, workshopRoutes.takeSeat, { params: { boardId }, token })
const joinInfo = (joinCode: string) => callApi(boardRoutes.lookupJoinCode, { params: { joinCode } }, { baseUrl: t.url })

describe('the plenary is its own kind of board', () => {
  it('is created as the plenary, shown as such to the facilitator, and not offered on the join page', async () => {
    const created = await forum()
    expect(created.boards.map((b) => b.kind)).toEqual(['table', 'table', 'plenary'])
    const plenaryId = created.boards[2]!.id
    const overview = await callApi(
      workshopRoutes.workshopOverview,
      { params: { workshopId: created.workshop.id }, token: created.facilitatorToken },
      { baseUrl: t.url },
    )
    expect(overview.boards[2]).toMatchObject({
      title: 'Plenum',
      kind: 'plenary',
      template: 'plenum',
      openToParticipants: false,
    })
    const join = await joinInfo(created.workshop.joinCode)
    expect(join.boards.map((b) => b.title)).toEqual(['Mobilität', 'Grün'])

    // A participant cannot take a seat in a closed plenary (a clear error, nothing else changes).
    const ada = await joinParticipant(t.url, {
      ...created,
      workshopId: created.workshop.id,
      joinCode: created.workshop.joinCode,
    } as never)
    const refused = await seat(plenaryId, ada.participantToken)
    expect(refused.status).toBe(403)
    expect(refused.body.error?.code).toBe('plenary_closed')
    const seated = await seat(created.boards[0]!.id, ada.participantToken)
    expect(seated.status).toBe(200)

    // The organiser opens it for a plenary vote: offered, and seats may be taken.
    const opened = await callApi(
      boardRoutes.updateTable,
      { params: { boardId: plenaryId }, token: created.facilitatorToken, body: { openToParticipants: true } },
      { baseUrl: t.url },
    )
    expect(opened).toMatchObject({ kind: 'plenary', openToParticipants: true })
    const joinAgain = await joinInfo(created.workshop.joinCode)
    expect(joinAgain.boards.at(-1)).toMatchObject({ id: plenaryId, kind: 'plenary' })
    expect((await seat(plenaryId, ada.participantToken)).status).toBe(200)

    // Only the facilitator opens it.
    const byParticipant = await callRoute(t.url, boardRoutes.updateTable, {
      params: { boardId: plenaryId },
      token: ada.participantToken,
      body: { openToParticipants: false },
    })
    expect(byParticipant.status).toBe(403)
  })

  it('refuses a participant socket on a closed plenary; calling everyone there opens it', async () => {
    const created = await forum()
    const [table, , plenary] = created.boards
    const ada = await joinParticipant(t.url, {
      ...created,
      workshopId: created.workshop.id,
      joinCode: created.workshop.joinCode,
    } as never)
    const closed = await connectClient(t.url, plenary!.id, ada.participantToken, { waitForSync: false })
    await waitFor(() => closed.closes.length > 0, { what: 'the closed plenary refuses the socket' })
    expect(closed.closes[0]).toMatchObject({ code: 4403 })
    closed.destroy()
    // The facilitator (and the projector) always may; the control room's "Alle ins Plenum holen" opens it.
    const message = await callApi(
      controlRoutes.sendBoardMessage,
      { params: { boardId: table!.id }, body: { text: '', toPlenary: true }, token: created.facilitatorToken },
      { baseUrl: t.url },
    )
    expect(message.message?.plenaryBoardId).toBe(plenary!.id)
    const open = await connectClient(t.url, plenary!.id, ada.participantToken)
    expect(open.closes).toEqual([])
    open.destroy()
  })

  it('follows the plenum template when no kind is given (scripts written before kinds)', async () => {
    const created = await forum({ title: 'Plenum', template: 'plenum' })
    expect(created.boards.map((b) => b.kind)).toEqual(['table', 'table', 'plenary'])
  })

  it('refuses a second plenary, unknown kinds and a non-boolean switch with clear errors', async () => {
    const two = await callRoute(t.url, workshopRoutes.createWorkshop, {
      body: {
        title: 'Zwei Plena',
        boards: [
          { title: 'A', kind: 'plenary' },
          { title: 'B', template: 'plenum' },
        ],
      },
    })
    expect(two.status).toBe(400)
    expect(two.body.error?.message).toMatch(/at most one plenary/)
    const bogus = await callRoute(t.url, workshopRoutes.createWorkshop, {
      body: { title: 'X', boards: [{ title: 'A', kind: 'stage' }] } as never,
    })
    expect(bogus.status).toBe(400)
    const created = await forum()
    const bad = await callRoute(t.url, boardRoutes.updateTable, {
      params: { boardId: created.boards[2]!.id },
      token: created.facilitatorToken,
      body: { openToParticipants: 'yes' } as never,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error?.code).toBe('validation_failed')
  })
})

describe('migration 0011: boards get a kind', () => {
  it('makes the boards the gatherer wrote into (plenum template) the plenary, closed to participants', async () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) })
    try {
      const before = new Migrator({ db, provider: migrationProvider('sqlite') })
      const { error } = await before.migrateTo('0009_client_ids')
      expect(error).toBeUndefined()
      await db
        .insertInto('workshops')
        .values({ id: 'ws_old', title: 'Alt', language: 'de', date: null, join_code: 'ALT123', created_at: 1 })
        .execute()
      const board = (id: string, template: string, position: number) => ({
        id,
        workshop_id: 'ws_old',
        title: id,
        question: '',
        template,
        position,
        created_at: 1,
        last_activity_at: null,
      })
      await db
        .insertInto('boards')
        .values([board('b_table', 'thementisch', 0), board('b_plenum', 'plenum', 1)])
        .execute()
      await migrate(db, 'sqlite')
      const store = new KyselyStore(db, 'sqlite')
      expect(await store.getBoard('b_table')).toMatchObject({ kind: 'table', openToParticipants: true })
      expect(await store.getBoard('b_plenum')).toMatchObject({ kind: 'plenary', openToParticipants: false })
    } finally {
      await db.destroy()
    }
  })
})
