import type { Insertable, Kysely, Transaction } from 'kysely'
import type { StoredPrivateCard } from '../privatePhase/PrivateCardStore.ts'
import type {
  HeldCardApproval,
  HeldCardStore,
  HeldCardWrite,
  StoredHeldCard,
  StoredModeration,
} from './HeldCardStore.ts'
import type { ParticipantNameRewrite } from '../store/participantNames.ts'
import type { Database } from '../store/schema.ts'

type CardRow = Database['held_cards']

const cardOf = (row: CardRow): StoredHeldCard => ({
  id: row.id,
  boardId: row.board_id,
  authorId: row.author_id,
  authorName: row.author_name,
  text: row.text,
  status: row.status as StoredHeldCard['status'],
  reason: row.reason,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
})

/** Moderation settings and held cards in `board_moderation` and `held_cards` (SQLite and PostgreSQL). */
export class KyselyHeldCardStore implements HeldCardStore {
  private readonly db: Kysely<Database>

  constructor(db: Kysely<Database>) {
    this.db = db
  }

  async getModeration(boardId: string): Promise<StoredModeration | null> {
    const row = await this.db
      .selectFrom('board_moderation')
      .selectAll()
      .where('board_id', '=', boardId)
      .executeTakeFirst()
    return row
      ? {
          boardId: row.board_id,
          enabled: Number(row.enabled) === 1,
          rejected: Number(row.rejected),
          changedAt: Number(row.changed_at),
        }
      : null
  }

  async setModeration(boardId: string, enabled: boolean, now: number): Promise<StoredModeration> {
    const flag = enabled ? 1 : 0
    await this.db
      .insertInto('board_moderation')
      .values({ board_id: boardId, enabled: flag, changed_at: now })
      .onConflict((oc) => oc.column('board_id').doUpdateSet({ enabled: flag, changed_at: now }))
      .execute()
    return (await this.getModeration(boardId))!
  }

  async moderatedBoards(boardIds: readonly string[]): Promise<Set<string>> {
    if (boardIds.length === 0) return new Set()
    const rows = await this.db
      .selectFrom('board_moderation')
      .select('board_id')
      .where('board_id', 'in', [...boardIds])
      .where('enabled', '=', 1)
      .execute()
    return new Set(rows.map((row) => row.board_id))
  }

  addCard(card: StoredHeldCard, maxPerAuthor: number): Promise<HeldCardWrite> {
    return this.db.transaction().execute(async (tx) => {
      const setting = await tx
        .selectFrom('board_moderation')
        .select('enabled')
        .where('board_id', '=', card.boardId)
        .executeTakeFirst()
      if (Number(setting?.enabled ?? 0) !== 1) return 'moderation_off'
      const extra = { status: 'waiting', reason: null }
      if (!(await insertHeldBack(tx, 'held_cards', card, extra, maxPerAuthor))) return 'too_many'
      await this.touch(tx, card.boardId, card.updatedAt)
      return 'ok'
    })
  }

  updateCard(boardId: string, cardId: string, authorId: string, text: string, now: number): Promise<HeldCardWrite> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('held_cards')
        .set({ text, updated_at: now })
        .where('id', '=', cardId)
        .where('board_id', '=', boardId)
        .where('author_id', '=', authorId)
        .where('status', '=', 'waiting')
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) return this.whyNot(tx, boardId, cardId, authorId)
      await this.touch(tx, boardId, now)
      return 'ok'
    })
  }

  deleteCard(boardId: string, cardId: string, authorId: string, now: number): Promise<HeldCardWrite> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .deleteFrom('held_cards')
        .where('id', '=', cardId)
        .where('board_id', '=', boardId)
        .where('author_id', '=', authorId)
        .where('status', 'in', ['waiting', 'rejected'])
        .executeTakeFirst()
      if (Number(result.numDeletedRows) === 0) return this.whyNot(tx, boardId, cardId, authorId)
      await this.touch(tx, boardId, now)
      return 'ok'
    })
  }

  async listCards(boardId: string, authorId?: string): Promise<StoredHeldCard[]> {
    const rows = await this.db
      .selectFrom('held_cards')
      .selectAll()
      .where('board_id', '=', boardId)
      .$if(authorId !== undefined, (qb) =>
        qb.where('author_id', '=', authorId!).where('status', 'in', ['waiting', 'rejected']),
      )
      .$if(authorId === undefined, (qb) => qb.where('status', '=', 'waiting'))
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(cardOf)
  }

  async countWaiting(boardId: string): Promise<number> {
    const { count } = await this.db
      .selectFrom('held_cards')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('board_id', '=', boardId)
      .where('status', '=', 'waiting')
      .executeTakeFirstOrThrow()
    return Number(count)
  }

  approve(boardId: string, cardId: string, text: string | undefined, now: number): Promise<HeldCardApproval> {
    return this.db.transaction().execute(async (tx): Promise<HeldCardApproval> => {
      // One conditional update: on PostgreSQL a second, concurrent one waits for the row and then
      // finds it no longer waiting; SQLite writes one at a time.
      const result = await tx
        .updateTable('held_cards')
        .set({ status: 'approved', updated_at: now, ...(text === undefined ? {} : { text }) })
        .where('id', '=', cardId)
        .where('board_id', '=', boardId)
        .where('status', '=', 'waiting')
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) {
        return { result: (await this.exists(tx, boardId, cardId)) ? 'decided' : 'not_found' }
      }
      await this.touch(tx, boardId, now)
      const row = await tx.selectFrom('held_cards').selectAll().where('id', '=', cardId).executeTakeFirstOrThrow()
      return { result: 'ok', card: cardOf(row) }
    })
  }

  reject(boardId: string, cardId: string, reason: string | null, now: number): Promise<HeldCardWrite> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('held_cards')
        .set({ status: 'rejected', reason, updated_at: now })
        .where('id', '=', cardId)
        .where('board_id', '=', boardId)
        .where('status', '=', 'waiting')
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) {
        return (await this.exists(tx, boardId, cardId)) ? 'decided' : 'not_found'
      }
      await tx
        .updateTable('board_moderation')
        .set((eb) => ({ rejected: eb('rejected', '+', 1), changed_at: now }))
        .where('board_id', '=', boardId)
        .execute()
      return 'ok'
    })
  }

  async listApproved(boardId: string): Promise<StoredHeldCard[]> {
    const rows = await this.db
      .selectFrom('held_cards')
      .selectAll()
      .where('board_id', '=', boardId)
      .where('status', '=', 'approved')
      .orderBy('updated_at')
      .orderBy('id')
      .execute()
    return rows.map(cardOf)
  }

  async finishApproval(boardId: string, cardId: string): Promise<void> {
    await this.db
      .deleteFrom('held_cards')
      .where('id', '=', cardId)
      .where('board_id', '=', boardId)
      .where('status', '=', 'approved')
      .execute()
  }

  /** Why a write of the author's found no row: gone (or someone else's), or decided already. */
  private async whyNot(
    tx: Transaction<Database>,
    boardId: string,
    cardId: string,
    authorId: string,
  ): Promise<HeldCardWrite> {
    const row = await tx
      .selectFrom('held_cards')
      .select('status')
      .where('id', '=', cardId)
      .where('board_id', '=', boardId)
      .where('author_id', '=', authorId)
      .executeTakeFirst()
    return row ? 'decided' : 'not_found'
  }

  private async exists(tx: Transaction<Database>, boardId: string, cardId: string): Promise<boolean> {
    const row = await tx
      .selectFrom('held_cards')
      .select('id')
      .where('id', '=', cardId)
      .where('board_id', '=', boardId)
      .executeTakeFirst()
    return row !== undefined
  }

  private async touch(tx: Transaction<Database>, boardId: string, now: number): Promise<void> {
    await tx.updateTable('board_moderation').set({ changed_at: now }).where('board_id', '=', boardId).execute()
  }
}

/**
 * Inserts a card held back from the board (a private card, a card for the moderation inbox)
 * unless its author holds `maxPerAuthor` there already; false: too many, nothing written.
 */
export async function insertHeldBack<T extends 'private_cards' | 'held_cards'>(
  tx: Transaction<Database>,
  table: T,
  card: StoredPrivateCard,
  extra: Omit<Insertable<Database[T]>, keyof Insertable<Database['private_cards']>>,
  maxPerAuthor: number,
): Promise<boolean> {
  const { count } = await tx
    .selectFrom(table as 'private_cards')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('board_id', '=', card.boardId)
    .where('author_id', '=', card.authorId)
    .executeTakeFirstOrThrow()
  if (Number(count) >= maxPerAuthor) return false
  await tx
    .insertInto(table as 'private_cards')
    .values({
      id: card.id,
      board_id: card.boardId,
      author_id: card.authorId,
      author_name: card.authorName,
      text: card.text,
      created_at: card.createdAt,
      updated_at: card.updatedAt,
      ...extra,
    })
    .execute()
  return true
}

/**
 * "Remove my name" in a table of cards held back from the board (private cards, the moderation
 * inbox): the author's name on each of their cards, in the core store's transaction.
 */
export const renameHeldBackAuthor =
  (table: 'private_cards' | 'held_cards'): ParticipantNameRewrite =>
  async (tx, participantId, replacement) => {
    await tx.updateTable(table).set({ author_name: replacement }).where('author_id', '=', participantId).execute()
  }
