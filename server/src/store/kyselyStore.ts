import { boardKindOf } from '@pinnwand/shared'
import { type Kysely, type Selectable, sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { type RenumberResult, renumberTable } from '../domain/tableNumber.ts'
import { type Dialect, migrationProvider, type Migrations } from './migrations.ts'
import type { ParticipantNameRewrite } from './participantNames.ts'
import type { Database } from './schema.ts'
import { APPEND_LOCK, appendBoardUpdate, readBoardDocument, replaceSnapshot } from './kyselyBoardLog.ts'
import { countSeats, deleteWorkshop, findDeletedWorkshop, listSeated, takeSeat } from './kyselyWorkshopAdmin.ts'
import {
  listRetentionCandidates,
  reclaimDeletedData,
  replaceParticipantName,
  setRetentionDays,
} from './kyselyPrivacy.ts'
import {
  type BoardPhase,
  type ClientIdClaim,
  type DeletedWorkshop,
  type SeatResult,
  BoardPhases,
  type BoardRow,
  isOpenToParticipants,
  type NewWorkshop,
  type ParticipantRow,
  type RetentionCandidate,
  type Role,
  type Store,
  type StoredBoardDocument,
  type TokenGrant,
  type TokenHolder,
  type WorkshopRow,
} from './Store.ts'

/** Runs pending migrations; throws with the failing migration's name. */
export async function migrate(db: Kysely<Database>, dialect: Dialect, featureMigrations?: Migrations): Promise<void> {
  // Migrations are independent additions; a database that got a later one first (several
  // features developed side by side) still takes the missing earlier ones.
  const migrator = new Migrator({
    db,
    provider: migrationProvider(dialect, featureMigrations),
    allowUnorderedMigrations: true,
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`Database migration ${failed} failed: ${String(error)}`, { cause: error })
  }
}

const toWorkshop = (r: Selectable<Database['workshops']>): WorkshopRow => ({
  id: r.id,
  title: r.title,
  language: r.language === 'en' ? 'en' : 'de',
  date: r.date,
  joinCode: r.join_code,
  createdAt: Number(r.created_at),
  hideAuthors: Number(r.hide_authors ?? 0) === 1,
  retentionDays: r.retention_days === null || r.retention_days === undefined ? null : Number(r.retention_days),
})

const toBoard = (r: Selectable<Database['boards']>): BoardRow => ({
  id: r.id,
  workshopId: r.workshop_id,
  title: r.title,
  question: r.question,
  template: r.template,
  position: r.position,
  createdAt: Number(r.created_at),
  locked: Number(r.locked) === 1,
  ideaCount: Number(r.idea_count),
  lastActivityAt: r.last_activity_at === null ? null : Number(r.last_activity_at),
  phase: (BoardPhases as readonly string[]).includes(r.phase) ? (r.phase as BoardPhase) : 'collect',
  maxParticipants: r.max_participants === null || r.max_participants === undefined ? null : Number(r.max_participants),
  facilitatorName: r.facilitator_name ?? null,
  kind: r.kind === 'plenary' ? 'plenary' : 'table',
  openToParticipants: Number(r.open_to_participants ?? 1) === 1,
})

const toParticipant = (r: Database['participants']): ParticipantRow => ({
  id: r.id,
  workshopId: r.workshop_id,
  name: r.name,
  createdAt: Number(r.created_at),
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
})

/** One Store implementation for SQLite and PostgreSQL, through Kysely. */
export class KyselyStore implements Store {
  readonly kind: Dialect
  private readonly db: Kysely<Database>

  constructor(db: Kysely<Database>, kind: Dialect) {
    this.db = db
    this.kind = kind
  }

  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db)
      return true
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    await this.db.destroy()
  }

  async createWorkshop(input: NewWorkshop): Promise<void> {
    const now = Date.now()
    await this.db.transaction().execute(async (tx) => {
      const w = input.workshop
      await tx
        .insertInto('workshops')
        .values({
          id: w.id,
          title: w.title,
          language: w.language,
          date: w.date,
          join_code: w.joinCode,
          created_at: w.createdAt,
        })
        .execute()
      if (input.boards.length > 0) {
        await tx.insertInto('boards').values(input.boards.map(boardValues)).execute()
      }
      for (const { tokenHash, grant } of input.tokens) {
        await tx
          .insertInto('access_tokens')
          .values(tokenValues(tokenHash, grant, now))
          .execute()
      }
      for (const { boardId, snapshot } of input.initialDocuments) {
        await tx
          .insertInto('board_snapshots')
          .values({ board_id: boardId, data: snapshot, up_to_seq: 0, updated_at: now })
          .execute()
      }
    })
  }

  async getWorkshop(id: string): Promise<WorkshopRow | null> {
    const row = await this.db.selectFrom('workshops').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toWorkshop(row) : null
  }

  async findWorkshopByJoinCode(joinCode: string): Promise<WorkshopRow | null> {
    const row = await this.db.selectFrom('workshops').selectAll().where('join_code', '=', joinCode).executeTakeFirst()
    return row ? toWorkshop(row) : null
  }

  async listBoards(workshopId: string): Promise<BoardRow[]> {
    const rows = await this.db
      .selectFrom('boards')
      .selectAll()
      .where('workshop_id', '=', workshopId)
      .orderBy('position')
      // Boards imported at the same moment may share a position; numbers must not flip between calls.
      .orderBy('created_at')
      .execute()
    return rows.map(toBoard)
  }

  async addBoard(b: BoardRow, snapshot: Uint8Array): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('boards').values(boardValues(b)).execute()
      await tx
        .insertInto('board_snapshots')
        .values({ board_id: b.id, data: snapshot, up_to_seq: 0, updated_at: b.createdAt })
        .execute()
    })
  }

  async getBoard(id: string): Promise<BoardRow | null> {
    const row = await this.db.selectFrom('boards').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toBoard(row) : null
  }

  async addParticipant(p: ParticipantRow, tokenHash: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('participants')
        .values({ id: p.id, workshop_id: p.workshopId, name: p.name, created_at: p.createdAt, revoked_at: null })
        .execute()
      await tx
        .insertInto('access_tokens')
        .values(
          tokenValues(
            tokenHash,
            { role: 'participant', workshopId: p.workshopId, boardId: null, subjectId: p.id, revokedAt: null },
            p.createdAt,
          ),
        )
        .execute()
    })
  }

  async getParticipant(id: string): Promise<ParticipantRow | null> {
    const r = await this.db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst()
    return r ? toParticipant(r) : null
  }

  async listParticipants(workshopId: string): Promise<ParticipantRow[]> {
    const rows = await this.db
      .selectFrom('participants')
      .selectAll()
      .where('workshop_id', '=', workshopId)
      .orderBy('created_at')
      .execute()
    return rows.map(toParticipant)
  }

  async revokeParticipant(workshopId: string, participantId: string, now: number): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('participants')
        .set({ revoked_at: now })
        .where('id', '=', participantId)
        .where('workshop_id', '=', workshopId)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) return false
      await tx.updateTable('access_tokens').set({ revoked_at: now }).where('subject_id', '=', participantId).execute()
      return true
    })
  }

  async updateBoardState(
    boardId: string,
    state: Partial<Pick<BoardRow, 'locked' | 'phase' | 'ideaCount' | 'lastActivityAt'>>,
  ): Promise<void> {
    const values: { locked?: number; phase?: string; idea_count?: number; last_activity_at?: number | null } = {}
    if (state.locked !== undefined) values.locked = state.locked ? 1 : 0
    if (state.phase !== undefined) values.phase = state.phase
    if (state.ideaCount !== undefined) values.idea_count = state.ideaCount
    if (state.lastActivityAt !== undefined) values.last_activity_at = state.lastActivityAt
    if (Object.keys(values).length === 0) return
    await this.db.updateTable('boards').set(values).where('id', '=', boardId).execute()
  }

  async setRecoveryHash(workshopId: string, hash: string): Promise<void> {
    await this.db.updateTable('workshops').set({ recovery_hash: hash }).where('id', '=', workshopId).execute()
  }

  async getRecoveryHash(workshopId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('workshops')
      .select('recovery_hash')
      .where('id', '=', workshopId)
      .executeTakeFirst()
    return row?.recovery_hash ?? null
  }

  async setTableLimit(boardId: string, maxParticipants: number | null): Promise<void> {
    await this.db.updateTable('boards').set({ max_participants: maxParticipants }).where('id', '=', boardId).execute()
  }

  async setTableFacilitator(boardId: string, facilitatorName: string | null): Promise<void> {
    await this.db.updateTable('boards').set({ facilitator_name: facilitatorName }).where('id', '=', boardId).execute()
  }

  async renumberTable(workshopId: string, boardId: string, number: number): Promise<RenumberResult> {
    return this.db.transaction().execute(async (tx) => {
      // PostgreSQL reads committed data: two renumberings at once would each swap against the
      // old order. Locking the workshop's row serialises them (SQLite transactions already are).
      if (this.kind === 'postgres')
        await tx.selectFrom('workshops').select('id').where('id', '=', workshopId).forUpdate().execute()
      const rows = await tx
        .selectFrom('boards')
        .select(['id', 'kind', 'template', 'position'])
        .where('workshop_id', '=', workshopId)
        .orderBy('position')
        .orderBy('created_at')
        .execute()
      const boards = rows.map(
        (r) => ({ id: r.id, template: r.template, kind: r.kind === 'plenary' ? 'plenary' : 'table' }) as const,
      )
      const result = renumberTable(boards, boardId, number)
      if (!result.ok || result.swappedWith === null) return result
      // Positions are rewritten 0…n-1 (not just swapped): boards imported at the same moment may
      // share a position, and a swap of equal positions would change nothing.
      for (const [position, id] of result.order.entries()) {
        if (rows.find((r) => r.id === id)?.position === position) continue
        await tx.updateTable('boards').set({ position }).where('id', '=', id).execute()
      }
      return result
    })
  }

  async setOpenToParticipants(boardId: string, open: boolean): Promise<void> {
    await this.db
      .updateTable('boards')
      .set({ open_to_participants: open ? 1 : 0 })
      .where('id', '=', boardId)
      .execute()
  }

  async setHideAuthors(workshopId: string, hideAuthors: boolean): Promise<void> {
    await this.db
      .updateTable('workshops')
      .set({ hide_authors: hideAuthors ? 1 : 0 })
      .where('id', '=', workshopId)
      .execute()
  }

  setRetentionDays(workshopId: string, days: number | null): Promise<void> {
    return setRetentionDays(this.db, workshopId, days)
  }

  listRetentionCandidates(): Promise<RetentionCandidate[]> {
    return listRetentionCandidates(this.db)
  }

  reclaimDeletedData(): Promise<void> {
    return reclaimDeletedData(this.db, this.kind)
  }

  replaceParticipantName(
    workshopId: string,
    participantId: string,
    replacement: string,
    rewrites: readonly ParticipantNameRewrite[],
  ): Promise<boolean> {
    return replaceParticipantName(this.db, workshopId, participantId, replacement, rewrites)
  }

  takeSeat(boardId: string, participantId: string, now: number): Promise<SeatResult> {
    return takeSeat(this.db, this.kind, boardId, participantId, now)
  }

  countSeats(workshopId: string): Promise<Record<string, number>> {
    return countSeats(this.db, workshopId)
  }

  listSeated(boardId: string): Promise<{ id: string; name: string }[]> {
    return listSeated(this.db, boardId)
  }

  async setDone(
    boardId: string,
    context: string,
    participant: { id: string; name: string },
    done: boolean,
    now: number,
  ): Promise<void> {
    if (!done) {
      await this.db
        .deleteFrom('participant_done')
        .where('board_id', '=', boardId)
        .where('context', '=', context)
        .where('participant_id', '=', participant.id)
        .execute()
      return
    }
    await this.db
      .insertInto('participant_done')
      .values({ board_id: boardId, context, participant_id: participant.id, name: participant.name, at: now })
      .onConflict((oc) => oc.columns(['board_id', 'context', 'participant_id']).doNothing())
      .execute()
  }

  listDone(boardId: string, context: string): Promise<{ id: string; name: string }[]> {
    return this.db
      .selectFrom('participant_done')
      .select(['participant_id as id', 'name'])
      .where('board_id', '=', boardId)
      .where('context', '=', context)
      .orderBy('at')
      .execute()
  }

  async clearDone(boardId: string): Promise<void> {
    await this.db.deleteFrom('participant_done').where('board_id', '=', boardId).execute()
  }

  deleteWorkshop(workshopId: string, now: number): Promise<boolean> {
    return deleteWorkshop(this.db, workshopId, now)
  }

  findDeletedWorkshop(
    by: { joinCode: string } | { tokenHash: string } | { workshopId: string },
  ): Promise<DeletedWorkshop | null> {
    return findDeletedWorkshop(this.db, by)
  }

  async addToken(tokenHash: string, grant: TokenGrant): Promise<void> {
    await this.db
      .insertInto('access_tokens')
      .values(tokenValues(tokenHash, grant, Date.now()))
      .execute()
  }

  async findTokenHolder(tokenHash: string): Promise<TokenHolder | null> {
    const r = await this.db
      .selectFrom('access_tokens as t')
      .leftJoin('participants as p', (join) => join.onRef('p.id', '=', 't.subject_id').on('t.role', '=', 'participant'))
      .selectAll('t')
      .select(['p.name as participant_name', 'p.revoked_at as participant_revoked_at'])
      .where('t.token_hash', '=', tokenHash)
      .executeTakeFirst()
    if (!r) return null
    return {
      grant: {
        role: r.role as Role,
        workshopId: r.workshop_id,
        boardId: r.board_id,
        subjectId: r.subject_id,
        revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
      },
      participant:
        r.participant_name === null
          ? null
          : {
              name: r.participant_name,
              revokedAt: r.participant_revoked_at === null ? null : Number(r.participant_revoked_at),
            },
    }
  }

  async loadBoardDocument(boardId: string): Promise<StoredBoardDocument> {
    // One consistent view: another instance compacting between the two reads must not make us
    // see the old snapshot without the log entries it just folded in (PostgreSQL; SQLite is
    // serialized anyway).
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((tx) => readBoardDocument(tx, boardId))
  }

  async claimClientIds(boardId: string, claims: readonly ClientIdClaim[]): Promise<Map<number, string>> {
    const owners = new Map<number, string>()
    if (claims.length === 0) return owners
    const now = Date.now()
    await this.db
      .insertInto('board_client_ids')
      .values(claims.map((c) => ({ board_id: boardId, client_id: c.clientId, owner_id: c.ownerId, claimed_at: now })))
      .onConflict((oc) => oc.columns(['board_id', 'client_id']).doNothing())
      .execute()
    const rows = await this.db
      .selectFrom('board_client_ids')
      .select(['client_id', 'owner_id'])
      .where('board_id', '=', boardId)
      .where(
        'client_id',
        'in',
        claims.map((c) => c.clientId),
      )
      .execute()
    for (const row of rows) owners.set(Number(row.client_id), row.owner_id)
    return owners
  }

  async appendUpdate(boardId: string, data: Uint8Array): Promise<number> {
    return appendBoardUpdate(this.db, this.kind, boardId, data)
  }

  async compactStored(boardId: string, fold: (stored: StoredBoardDocument) => Uint8Array): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      // Waits for every append to this board in flight and holds new ones until the end.
      if (this.kind === 'postgres')
        await sql`SELECT pg_advisory_xact_lock(${APPEND_LOCK}, hashtext(${boardId}))`.execute(tx)
      // Read after the lock (read committed: each statement sees what committed before it).
      const stored = await readBoardDocument(tx, boardId)
      const last = stored.updates.at(-1)
      if (!last) return
      await replaceSnapshot(tx, boardId, fold(stored), last.seq)
    })
  }

  async compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    await this.db.transaction().execute((tx) => replaceSnapshot(tx, boardId, snapshot, upToSeq))
  }
}

function boardValues(b: BoardRow) {
  return {
    id: b.id,
    workshop_id: b.workshopId,
    title: b.title,
    question: b.question,
    template: b.template,
    position: b.position,
    created_at: b.createdAt,
    locked: b.locked ? 1 : 0,
    phase: b.phase,
    idea_count: b.ideaCount,
    last_activity_at: b.lastActivityAt,
    max_participants: b.maxParticipants ?? null,
    kind: boardKindOf(b),
    open_to_participants: isOpenToParticipants(b) ? 1 : 0,
  }
}

function tokenValues(tokenHash: string, grant: TokenGrant, now: number) {
  return {
    token_hash: tokenHash,
    role: grant.role,
    workshop_id: grant.workshopId,
    board_id: grant.boardId,
    subject_id: grant.subjectId,
    created_at: now,
    revoked_at: grant.revokedAt,
  }
}
