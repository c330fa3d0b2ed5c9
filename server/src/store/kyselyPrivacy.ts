import { type Kysely, sql } from 'kysely'
import type { Dialect } from './migrations/types.ts'
import type { ParticipantNameRewrite } from './participantNames.ts'
import type { Database } from './schema.ts'
import type { RetentionCandidate } from './Store.ts'

/** Data-protection queries for KyselyStore (SQLite and PostgreSQL): retention and name removal. */

export async function setRetentionDays(db: Kysely<Database>, workshopId: string, days: number | null): Promise<void> {
  await db.updateTable('workshops').set({ retention_days: days }).where('id', '=', workshopId).execute()
}

/** Every workshop with what its deletion date depends on (a few columns; the sweep decides). */
export async function listRetentionCandidates(db: Kysely<Database>): Promise<RetentionCandidate[]> {
  const rows = await db.selectFrom('workshops').select(['id', 'date', 'created_at', 'retention_days']).execute()
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    createdAt: Number(r.created_at),
    retentionDays: r.retention_days === null ? null : Number(r.retention_days),
  }))
}

/**
 * Replaces a participant's name where the database keeps it: the participant row and, in the
 * same transaction, the features' tables through their `rewrites` (ballots, held-back cards).
 * Board documents and history versions are rewritten by the caller
 * (privacy/removeParticipantName.ts).
 */
export async function replaceParticipantName(
  db: Kysely<Database>,
  workshopId: string,
  participantId: string,
  replacement: string,
  rewrites: readonly ParticipantNameRewrite[],
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('participants')
      .set({ name: replacement })
      .where('id', '=', participantId)
      .where('workshop_id', '=', workshopId)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) return false
    for (const rewrite of rewrites) await rewrite(tx, participantId, replacement)
    return true
  })
}

/**
 * SQLite (with secure_delete on) has overwritten deleted rows, but the old pages may still sit
 * in the write-ahead log: a truncating checkpoint empties it. PostgreSQL reuses dead rows on
 * its own (autovacuum); its WAL and base backups are the operator's (docs/data-protection.md).
 */
export async function reclaimDeletedData(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db)
}
