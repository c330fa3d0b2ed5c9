import type { Kysely, Transaction } from 'kysely'
import type { Dialect } from '../store/migrations.ts'
import type { Database } from '../store/schema.ts'
import type { ShortlistEntry, ShortlistStore } from './ShortlistStore.ts'

/** The shortlist through Kysely (SQLite and PostgreSQL); carried by the voting store. */
export class KyselyShortlistStore implements ShortlistStore {
  private readonly db: Kysely<Database>
  private readonly dialect: Dialect

  constructor(db: Kysely<Database>, dialect: Dialect) {
    this.db = db
    this.dialect = dialect
  }

  async getShortlist(boardId: string): Promise<ShortlistEntry[]> {
    return readShortlist(this.db, boardId)
  }

  async updateShortlist(
    boardId: string,
    change: (current: ShortlistEntry[]) => ShortlistEntry[],
  ): Promise<ShortlistEntry[]> {
    return this.db.transaction().execute(async (tx) => {
      // The board row is the lock (the shortlist may have no rows yet); SQLite is serial anyway.
      await tx
        .selectFrom('boards')
        .select('id')
        .where('id', '=', boardId)
        .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst()
      const next = change(await readShortlist(tx, boardId))
      await writeShortlist(tx, boardId, next)
      return next
    })
  }

  async setShortlist(boardId: string, entries: readonly ShortlistEntry[]): Promise<void> {
    await this.db.transaction().execute((tx) => writeShortlist(tx, boardId, entries))
  }
}

async function readShortlist(db: Kysely<Database>, boardId: string): Promise<ShortlistEntry[]> {
  const rows = await db
    .selectFrom('board_shortlists')
    .selectAll()
    .where('board_id', '=', boardId)
    .orderBy('position')
    .execute()
  return rows.map((r) => ({
    ideaId: r.idea_id,
    text: r.idea_text,
    roundId: r.round_id,
    votes: r.votes === null ? null : Number(r.votes),
    addedAt: Number(r.added_at),
  }))
}

async function writeShortlist(tx: Transaction<Database>, boardId: string, entries: readonly ShortlistEntry[]) {
  await tx.deleteFrom('board_shortlists').where('board_id', '=', boardId).execute()
  if (entries.length === 0) return
  await tx
    .insertInto('board_shortlists')
    .values(
      entries.map((e, position) => ({
        board_id: boardId,
        idea_id: e.ideaId,
        position,
        idea_text: e.text,
        round_id: e.roundId,
        votes: e.votes,
        added_at: e.addedAt,
      })),
    )
    .execute()
}
