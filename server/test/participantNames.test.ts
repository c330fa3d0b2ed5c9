import { randomUUID } from 'node:crypto'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { featureMigrations, features } from '../src/features/index.ts'
import type { ServerFeature } from '../src/features/ServerFeature.ts'
import { migrate } from '../src/store/kyselyStore.ts'
import type { Dialect } from '../src/store/migrations.ts'
import { createPostgresPool } from '../src/store/openPostgresStore.ts'
import { extendStore } from '../src/store/openStore.ts'
import type { ParticipantNameRewrite } from '../src/store/participantNames.ts'
import type { Database } from '../src/store/schema.ts'
import type { Store } from '../src/store/Store.ts'
import { freshPostgres, type FreshDatabase } from './helpers/freshPostgres.ts'
import { addWorkshopWithBoard } from './helpers/storeRows.ts'

/** What the features contribute to "remove my name" (createServer hands the same to privacy). */
const rewrites = (features as readonly ServerFeature<object, unknown>[]).flatMap((f) => f.renameParticipant ?? [])

/** A participant with a ballot, a private card and a held card, written straight into the tables. */
async function personWithData(db: Kysely<Database>, store: Store, name: string) {
  const { workshopId, boardId } = await addWorkshopWithBoard(store)
  const id = `p_${randomUUID()}`
  await store.addParticipant({ id, workshopId, name, createdAt: 1, revokedAt: null }, `hash_${id}`)
  const roundId = `r_${randomUUID()}`
  await db
    .insertInto('voting_rounds')
    .values({
      id: roundId,
      board_id: boardId,
      status: 'open',
      dots_per_participant: 3,
      max_per_idea: null,
      eligible_idea_ids: null,
      anonymous: 0,
      duration_seconds: null,
      opened_at: 1,
      closes_at: null,
      closed_at: null,
      revealed_at: null,
    })
    .execute()
  await db
    .insertInto('voting_ballots')
    .values({ round_id: roundId, voter_id: id, voter_name: name, used: 1, updated_at: 1 })
    .execute()
  const card = { board_id: boardId, author_id: id, author_name: name, text: 'Idee', created_at: 1, updated_at: 1 }
  await db
    .insertInto('private_cards')
    .values({ id: `pc_${id}`, ...card })
    .execute()
  await db
    .insertInto('held_cards')
    .values({ id: `hc_${id}`, ...card, status: 'waiting', reason: null })
    .execute()
  return { id, workshopId }
}

/** Every place the name is kept, table by table. */
async function namesOf(db: Kysely<Database>, id: string) {
  const participant = await db.selectFrom('participants').select('name').where('id', '=', id).executeTakeFirst()
  const ballot = await db
    .selectFrom('voting_ballots')
    .select('voter_name')
    .where('voter_id', '=', id)
    .executeTakeFirst()
  const held = await db.selectFrom('held_cards').select('author_name').where('author_id', '=', id).executeTakeFirst()
  const priv = await db.selectFrom('private_cards').select('author_name').where('author_id', '=', id).executeTakeFirst()
  return [participant?.name, ballot?.voter_name, priv?.author_name, held?.author_name]
}

function runParticipantNames(dialect: Dialect, open: () => Promise<{ db: Kysely<Database>; drop(): Promise<void> }>) {
  describe(`replacing a participant's name with the features' rewrites: ${dialect}`, () => {
    let db: Kysely<Database>
    let store: Store
    let drop: () => Promise<void>
    beforeAll(async () => {
      ;({ db, drop } = await open())
      await migrate(db, dialect, featureMigrations(dialect))
      store = extendStore(db, dialect, undefined)
    })
    afterAll(async () => {
      await store?.close()
      await drop?.()
    })

    it('each feature with a name in its tables contributes a rewrite', () => {
      const names = (features as readonly ServerFeature<object, unknown>[])
        .filter((f) => f.renameParticipant)
        .map((f) => f.name)
      expect(names.sort()).toEqual(['moderation', 'privatePhase', 'voting'])
    })

    it('rewrites the participant row, ballots and held-back cards together, nobody else', async () => {
      const zoe = await personWithData(db, store, 'Zoë')
      const bob = await personWithData(db, store, 'Bob')
      expect(await store.replaceParticipantName(zoe.workshopId, zoe.id, 'Teilnehmende/r', rewrites)).toBe(true)
      expect(await namesOf(db, zoe.id)).toEqual(Array(4).fill('Teilnehmende/r'))
      expect(await namesOf(db, bob.id)).toEqual(Array(4).fill('Bob'))
    })

    it('rewrites nothing for a participant of another workshop', async () => {
      const zoe = await personWithData(db, store, 'Zoë')
      const other = await addWorkshopWithBoard(store)
      expect(await store.replaceParticipantName(other.workshopId, zoe.id, 'X', rewrites)).toBe(false)
      expect(await namesOf(db, zoe.id)).toEqual(Array(4).fill('Zoë'))
    })

    it('is one transaction: a failing rewrite leaves every name as it was', async () => {
      const zoe = await personWithData(db, store, 'Zoë')
      const failing: ParticipantNameRewrite = async () => {
        throw new Error('disk full')
      }
      await expect(store.replaceParticipantName(zoe.workshopId, zoe.id, 'X', [...rewrites, failing])).rejects.toThrow(
        'disk full',
      )
      expect(await namesOf(db, zoe.id)).toEqual(Array(4).fill('Zoë'))
    })
  })
}

runParticipantNames('sqlite', async () => {
  const sqlite = new SqliteDatabase(':memory:')
  sqlite.pragma('foreign_keys = ON')
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), drop: async () => {} }
})

const databaseUrl = process.env.DATABASE_URL

describe.skipIf(!databaseUrl)('PostgreSQL (DATABASE_URL)', () => {
  let database: FreshDatabase
  runParticipantNames('postgres', async () => {
    database = await freshPostgres(databaseUrl!, 'names')
    const pool = createPostgresPool(database.url)
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), drop: () => database.drop() }
  })
})
