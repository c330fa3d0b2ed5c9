import type { Database as SqliteDatabase, Statement } from 'better-sqlite3'

/** Distinct SQL texts kept prepared; the app has a few hundred at most. */
const MAX_STATEMENTS = 1000

/**
 * Kysely's SQLite driver prepares every query anew; preparing is most of the cost of a small
 * query (a vote is a handful of them: 8.6 % of the server's CPU in the dot-voting benchmark went
 * into `prepare`). Kysely compiles the same query shape to the same SQL text with parameters,
 * so the prepared statement can be reused: `all` and `run` finish before they return. A
 * statement still open in an `iterate` (Kysely's stream) is `busy`; then a fresh one is used.
 */
export function withStatementCache(database: SqliteDatabase): {
  close(): void
  prepare(sql: string): Statement
} {
  const cache = new Map<string, Statement>()
  return {
    close: () => database.close(),
    prepare(sql: string): Statement {
      const cached = cache.get(sql)
      if (cached && !cached.busy) return cached
      const statement = database.prepare(sql)
      if (!cached) {
        if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!)
        cache.set(sql, statement)
      }
      return statement
    },
  }
}
