import SqliteDatabase from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { withStatementCache } from './statementCache.ts'

describe('withStatementCache', () => {
  it('reuses the prepared statement of the same SQL, and prepares a fresh one while it iterates', () => {
    const database = new SqliteDatabase(':memory:')
    const cached = withStatementCache(database)
    cached.prepare('CREATE TABLE t (n INTEGER)').run()
    const insert = cached.prepare('INSERT INTO t (n) VALUES (?)')
    expect(cached.prepare('INSERT INTO t (n) VALUES (?)')).toBe(insert)
    for (const n of [1, 2, 3]) cached.prepare('INSERT INTO t (n) VALUES (?)').run(n)
    const select = 'SELECT n FROM t ORDER BY n'
    const seen: number[][] = []
    // An open iteration keeps its statement busy; the same SQL meanwhile gets its own statement.
    for (const row of cached.prepare(select).iterate() as Iterable<{ n: number }>) {
      seen.push((cached.prepare(select).all() as { n: number }[]).map((r) => r.n).concat(row.n))
    }
    expect(seen).toEqual([
      [1, 2, 3, 1],
      [1, 2, 3, 2],
      [1, 2, 3, 3],
    ])
    cached.close()
  })
})
