import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresPool } from '../src/store/openPostgresStore.ts'
import { StatementNames } from '../src/store/preparedStatements.ts'
import { freshPostgres, type FreshDatabase } from './helpers/freshPostgres.ts'

interface Tables {
  cards: { id: string; text: string }
}

describe('StatementNames', () => {
  it('names nothing before enable(), then one name per text, up to a cap', () => {
    const names = new StatementNames()
    expect(names.nameOf('SELECT 1 WHERE $1')).toBeNull()
    names.enable()
    const first = names.nameOf('SELECT * FROM cards WHERE id = $1')
    expect(first).toMatch(/^k[0-9a-f]{40}$/)
    expect(names.nameOf('SELECT * FROM cards WHERE id = $1')).toBe(first)
    expect(names.nameOf('SELECT * FROM cards WHERE text = $1')).not.toBe(first)
    for (let i = 0; i < 400; i++) names.nameOf(`SELECT ${i} WHERE $1`)
    expect(names.nameOf('SELECT "one too many" WHERE $1')).toBeNull()
    expect(names.nameOf('SELECT * FROM cards WHERE id = $1')).toBe(first)
    names.stopNaming('SELECT * FROM cards WHERE id = $1')
    expect(names.nameOf('SELECT * FROM cards WHERE id = $1')).toBeNull()
  })
})

const databaseUrl = process.env.DATABASE_URL

describe.skipIf(!databaseUrl)('named statements on PostgreSQL (DATABASE_URL)', () => {
  let database: FreshDatabase
  let pool: pg.Pool
  let db: Kysely<Tables>

  beforeAll(async () => {
    database = await freshPostgres(databaseUrl!, 'prepared')
    const names = new StatementNames()
    // One connection, so the second query is sure to run where the first was prepared.
    pool = createPostgresPool(database.url, 1, names)
    db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) })
    await sql`CREATE TABLE cards (id text PRIMARY KEY, text text NOT NULL)`.execute(db)
    await db.insertInto('cards').values({ id: 'a', text: 'Mehr Bänke' }).execute()
    names.enable()
  })
  afterAll(async () => {
    await db?.destroy()
    await database?.drop()
  })

  const prepared = async () =>
    (await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements`.execute(db))
      .rows

  it('prepares a query shape once per connection and reuses it with other values', async () => {
    const read = (id: string) => db.selectFrom('cards').selectAll().where('id', '=', id).execute()
    expect(await read('a')).toEqual([{ id: 'a', text: 'Mehr Bänke' }])
    expect(await read('b')).toEqual([])
    const statements = (await prepared()).filter((s) => s.statement.includes('from "cards"'))
    expect(statements).toHaveLength(1)
    expect(statements[0]!.name).toMatch(/^k[0-9a-f]{40}$/)
  })

  it('still answers after another instance changed the table under a prepared SELECT *', async () => {
    const read = () => db.selectFrom('cards').selectAll().where('id', '=', 'a').execute()
    await read()
    const other = new pg.Client({ connectionString: database.url })
    await other.connect()
    await other.query(`ALTER TABLE cards ADD COLUMN colour text NOT NULL DEFAULT 'gelb'`)
    await other.end()
    expect(await read()).toEqual([{ id: 'a', text: 'Mehr Bänke', colour: 'gelb' }])
    expect(await read()).toEqual([{ id: 'a', text: 'Mehr Bänke', colour: 'gelb' }])
  })

  it('leaves statements without parameters and transactions as they were', async () => {
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('cards').values({ id: 'c', text: 'Schattenplätze' }).execute()
    })
    const names = (await prepared()).map((s) => s.statement.toLowerCase())
    expect(names.some((s) => s.startsWith('begin') || s.startsWith('commit'))).toBe(false)
    expect(await db.selectFrom('cards').select('text').where('id', '=', 'c').executeTakeFirst()).toEqual({
      text: 'Schattenplätze',
    })
  })
})
