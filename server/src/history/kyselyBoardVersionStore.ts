import type { Generated, Kysely, Selectable } from 'kysely'
import { type BoardVersionRow, type BoardVersionStore, VersionReason, VersionReasons } from './BoardVersionStore.ts'
import type { Database } from '../store/schema.ts'

/** The table of migration 0004, kept here so the history feature stays in its own files. */
export type BoardVersionTables = {
  board_versions: {
    seq: Generated<number>
    id: string
    board_id: string
    name: string
    reason: string
    created_at: number
    created_by: string | null
    record_count: number
    detail: string | null
    state: Uint8Array
  }
}

type VersionRecord = Omit<Selectable<BoardVersionTables['board_versions']>, 'state' | 'seq'>

const COLUMNS = ['id', 'board_id', 'name', 'reason', 'created_at', 'created_by', 'record_count', 'detail'] as const

function parseDetail(detail: string | null): Record<string, unknown> | null {
  if (detail === null) return null
  try {
    const value: unknown = JSON.parse(detail)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

const toVersion = (r: VersionRecord): BoardVersionRow => ({
  id: r.id,
  boardId: r.board_id,
  name: r.name,
  reason: (VersionReasons as readonly string[]).includes(r.reason) ? (r.reason as VersionReason) : VersionReason.manual,
  createdAt: Number(r.created_at),
  createdBy: r.created_by,
  recordCount: Number(r.record_count),
  detail: parseDetail(r.detail),
})

const toBytes = (data: Uint8Array | Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

/** Board history on SQLite and PostgreSQL through Kysely. */
export class KyselyBoardVersionStore implements BoardVersionStore {
  private readonly db: Kysely<Database & BoardVersionTables>

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<BoardVersionTables>()
  }

  async addVersion(version: BoardVersionRow, state: Uint8Array, keepAutomatic: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('board_versions')
        .values({
          id: version.id,
          board_id: version.boardId,
          name: version.name,
          reason: version.reason,
          created_at: version.createdAt,
          created_by: version.createdBy,
          record_count: version.recordCount,
          detail: version.detail === null ? null : JSON.stringify(version.detail),
          state,
        })
        .execute()
      if (version.reason === VersionReason.manual) return
      // At most a few hundred rows per board: reading the seqs is cheaper than dialect-specific SQL.
      const automatic = await tx
        .selectFrom('board_versions')
        .select('seq')
        .where('board_id', '=', version.boardId)
        .where('reason', '!=', VersionReason.manual)
        .orderBy('seq', 'desc')
        .execute()
      const surplus = automatic.slice(Math.max(0, keepAutomatic)).map((r) => Number(r.seq))
      if (surplus.length > 0) await tx.deleteFrom('board_versions').where('seq', 'in', surplus).execute()
    })
  }

  async listVersions(boardId: string): Promise<BoardVersionRow[]> {
    const rows = await this.db
      .selectFrom('board_versions')
      .select(COLUMNS)
      .where('board_id', '=', boardId)
      .orderBy('seq', 'desc')
      .execute()
    return rows.map(toVersion)
  }

  async getVersion(
    boardId: string,
    versionId: string,
  ): Promise<{ version: BoardVersionRow; state: Uint8Array } | null> {
    const row = await this.db
      .selectFrom('board_versions')
      .select([...COLUMNS, 'state'])
      .where('board_id', '=', boardId)
      .where('id', '=', versionId)
      .executeTakeFirst()
    if (!row) return null
    return { version: toVersion(row), state: toBytes(row.state) }
  }

  async rewriteVersion(boardId: string, versionId: string, state: Uint8Array, createdBy: string | null): Promise<void> {
    await this.db
      .updateTable('board_versions')
      .set({ state, created_by: createdBy })
      .where('board_id', '=', boardId)
      .where('id', '=', versionId)
      .execute()
  }
}
