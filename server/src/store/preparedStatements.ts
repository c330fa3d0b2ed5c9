import { createHash } from 'node:crypto'
import type pg from 'pg'

/** Distinct SQL texts given a name; beyond this (e.g. many `IN` list lengths) queries stay unnamed. */
const MAX_NAMED = 300
/** Longer texts are rare one-offs (imports, exports) and stay unnamed. */
const MAX_TEXT_LENGTH = 8000
/** PostgreSQL: "cached plan must not change result type" (a table changed under a prepared `SELECT *`). */
const FEATURE_NOT_SUPPORTED = '0A000'

/**
 * Which SQL texts run as named prepared statements. One per process, shared by its connections;
 * off until `enable()` (after the migrations, so no statement is prepared against a table a
 * migration is about to change).
 */
export class StatementNames {
  private readonly names = new Map<string, string | null>()
  private enabled = false

  enable() {
    this.enabled = true
  }

  /** The statement name for this text, or null to run it unnamed. */
  nameOf(text: string): string | null {
    if (!this.enabled || text.length > MAX_TEXT_LENGTH) return null
    const known = this.names.get(text)
    if (known !== undefined) return known
    if (this.names.size >= MAX_NAMED) return null
    const name = `k${createHash('sha1').update(text).digest('hex').slice(0, 40)}`
    this.names.set(text, name)
    return name
  }

  /** A text whose prepared form failed (schema changed by another instance): unnamed from now on. */
  stopNaming(text: string) {
    this.names.set(text, null)
  }
}

type Query = (...args: unknown[]) => Promise<unknown>

/**
 * Kysely's PostgreSQL driver sends every query unnamed, so PostgreSQL parses and plans it anew
 * each time: in a voting burst that was most of the database's CPU (about a core for 570 taps a
 * second, three statements each, on the two-core machine). Kysely compiles a query shape to the
 * same text every time (values are parameters), so a name per text lets each connection parse
 * it once (node-postgres then sends only Bind/Execute). Statements without parameters (BEGIN,
 * COMMIT, the migrations' DDL) and cursors stay as they are.
 *
 * A prepared statement can fail after another instance changed a table it reads (a rolling
 * upgrade): that query is run again unnamed, and its text is not named again.
 */
export function nameStatementsOf(client: pg.PoolClient, names: StatementNames): void {
  const query = client.query.bind(client) as Query
  const named: Query = async (text, values, ...rest) => {
    const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 ? names.nameOf(text) : null
    if (name === null || rest.length > 0) return query(text, values, ...rest)
    try {
      return await query({ name, text, values })
    } catch (error) {
      if ((error as { code?: string }).code !== FEATURE_NOT_SUPPORTED) throw error
      names.stopNaming(text as string)
      return query(text, values)
    }
  }
  ;(client as unknown as { query: Query }).query = named
}
