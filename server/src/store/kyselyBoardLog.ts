import { type Kysely, sql } from 'kysely'
import type { Dialect } from './migrations.ts'
import type { Database } from './schema.ts'
import type { StoredBoardDocument } from './Store.ts'

/** Bytes as the driver returns them (a Buffer on Node) as a plain view on the same memory. */
export const toBytes = (data: Uint8Array | Buffer): Uint8Array =>
  new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

/**
 * A board's document log in the database: appends, the snapshot and what follows it, and the
 * replacement of both by compaction (KyselyStore's `BoardDocumentStore` part).
 */

/**
 * First key of the advisory lock that orders a board's appends and its store-side compaction
 * (the second is the board id's hash; a collision only makes two boards wait for each other).
 */
export const APPEND_LOCK = 0x5077

/**
 * Appends one update. On PostgreSQL `seq` comes from a sequence, and two instances' appends can
 * commit in the other order than they drew their numbers: a compaction reading in between saw
 * seq 11 but not 10, and dropped 10 below its new snapshot for good (found by the two-instance
 * convergence fuzz under load). Each append holds a shared advisory lock on its board while it
 * draws its number and commits, so `compactStored` (exclusive) runs only between appends.
 * Appends never wait for each other.
 */
export async function appendBoardUpdate(
  db: Kysely<Database>,
  kind: Dialect,
  boardId: string,
  data: Uint8Array,
): Promise<number> {
  const now = Date.now()
  if (kind === 'postgres') {
    const { rows } = await sql<{ seq: string | number }>`
      INSERT INTO board_updates (board_id, data, created_at)
      SELECT ${boardId}, ${data}, ${now}::bigint
      FROM (SELECT pg_advisory_xact_lock_shared(${APPEND_LOCK}, hashtext(${boardId}))) AS appending
      RETURNING seq`.execute(db)
    return Number(rows[0]!.seq)
  }
  const row = await db
    .insertInto('board_updates')
    .values({ board_id: boardId, data, created_at: now })
    .returning('seq')
    .executeTakeFirstOrThrow()
  return Number(row.seq)
}

/** The board's snapshot and the log after it, in the caller's transaction. */
export async function readBoardDocument(tx: Kysely<Database>, boardId: string): Promise<StoredBoardDocument> {
  const snap = await tx
    .selectFrom('board_snapshots')
    .select(['data', 'up_to_seq'])
    .where('board_id', '=', boardId)
    .executeTakeFirst()
  const updates = await tx
    .selectFrom('board_updates')
    .select(['seq', 'data'])
    .where('board_id', '=', boardId)
    .where('seq', '>', snap ? Number(snap.up_to_seq) : 0)
    .orderBy('seq')
    .execute()
  return {
    snapshot: snap ? toBytes(snap.data) : null,
    updates: updates.map((u) => ({ seq: Number(u.seq), data: toBytes(u.data) })),
  }
}

/** The new snapshot and the log entries it covers dropped, in the caller's transaction. */
export async function replaceSnapshot(
  tx: Kysely<Database>,
  boardId: string,
  snapshot: Uint8Array,
  upToSeq: number,
): Promise<void> {
  const now = Date.now()
  await tx
    .insertInto('board_snapshots')
    .values({ board_id: boardId, data: snapshot, up_to_seq: upToSeq, updated_at: now })
    // Never replace a snapshot that already covers more of the log (instances compact on
    // their own; the one that saw more wins).
    .onConflict((oc) =>
      oc
        .column('board_id')
        .doUpdateSet({ data: snapshot, up_to_seq: upToSeq, updated_at: now })
        .where('board_snapshots.up_to_seq', '<', upToSeq),
    )
    .execute()
  await tx.deleteFrom('board_updates').where('board_id', '=', boardId).where('seq', '<=', upToSeq).execute()
}
