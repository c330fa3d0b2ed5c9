import type { Kysely, Selectable, Transaction } from 'kysely'
import { insertHeldBack } from '../moderation/kyselyHeldCards.ts'
import type {
  BegunReveal,
  PrivateCardStore,
  PrivateCardWrite,
  StoredPrivateCard,
  StoredPrivatePhase,
} from './PrivateCardStore.ts'
import type { Dialect } from '../store/migrations/types.ts'
import type { Database } from '../store/schema.ts'

type PhaseRow = Selectable<Database['board_private_phases']>
type CardRow = Database['private_cards']

const phaseOf = (row: PhaseRow): StoredPrivatePhase => ({
  boardId: row.board_id,
  facilitatorSeesTexts: Number(row.facilitator_sees_texts) === 1,
  revealing: Number(row.revealing) === 1,
  revealAnonymous: Number(row.reveal_anonymous) === 1,
  revealStartedAt: row.reveal_started_at === null ? null : Number(row.reveal_started_at),
  startedAt: Number(row.started_at),
  changedAt: Number(row.changed_at),
})

const cardOf = (row: CardRow): StoredPrivateCard => ({
  id: row.id,
  boardId: row.board_id,
  authorId: row.author_id,
  authorName: row.author_name,
  text: row.text,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
})

/** Private phases and cards in `board_private_phases` and `private_cards` (SQLite and PostgreSQL). */
export class KyselyPrivateCardStore implements PrivateCardStore {
  private readonly db: Kysely<Database>
  private readonly dialect: Dialect

  constructor(db: Kysely<Database>, dialect: Dialect) {
    this.db = db
    this.dialect = dialect
  }

  async getPhase(boardId: string): Promise<StoredPrivatePhase | null> {
    const row = await this.db
      .selectFrom('board_private_phases')
      .selectAll()
      .where('board_id', '=', boardId)
      .executeTakeFirst()
    return row ? phaseOf(row) : null
  }

  async startPhase(boardId: string, facilitatorSeesTexts: boolean, now: number): Promise<StoredPrivatePhase> {
    const flag = facilitatorSeesTexts ? 1 : 0
    await this.db
      .insertInto('board_private_phases')
      .values({ board_id: boardId, facilitator_sees_texts: flag, revealing: 0, started_at: now, changed_at: now })
      .onConflict((oc) => oc.column('board_id').doUpdateSet({ facilitator_sees_texts: flag, changed_at: now }))
      .execute()
    return (await this.getPhase(boardId))!
  }

  addCard(card: StoredPrivateCard, maxPerAuthor: number): Promise<PrivateCardWrite> {
    return this.db.transaction().execute(async (tx) => {
      if (!(await this.openPhase(tx, card.boardId))) return 'no_phase'
      if (!(await insertHeldBack(tx, 'private_cards', card, {}, maxPerAuthor))) return 'too_many'
      await this.touch(tx, card.boardId, card.updatedAt)
      return 'ok'
    })
  }

  updateCard(boardId: string, cardId: string, authorId: string, text: string, now: number): Promise<PrivateCardWrite> {
    return this.db.transaction().execute(async (tx) => {
      if (!(await this.openPhase(tx, boardId))) return 'no_phase'
      const result = await tx
        .updateTable('private_cards')
        .set({ text, updated_at: now })
        .where('id', '=', cardId)
        .where('board_id', '=', boardId)
        .where('author_id', '=', authorId)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) return 'not_found'
      await this.touch(tx, boardId, now)
      return 'ok'
    })
  }

  deleteCard(boardId: string, cardId: string, authorId: string, now: number): Promise<PrivateCardWrite> {
    return this.db.transaction().execute(async (tx) => {
      if (!(await this.openPhase(tx, boardId))) return 'no_phase'
      const result = await tx
        .deleteFrom('private_cards')
        .where('id', '=', cardId)
        .where('board_id', '=', boardId)
        .where('author_id', '=', authorId)
        .executeTakeFirst()
      if (Number(result.numDeletedRows) === 0) return 'not_found'
      await this.touch(tx, boardId, now)
      return 'ok'
    })
  }

  async listCards(boardId: string, authorId?: string): Promise<StoredPrivateCard[]> {
    const rows = await this.db
      .selectFrom('private_cards')
      .selectAll()
      .where('board_id', '=', boardId)
      .$if(authorId !== undefined, (qb) => qb.where('author_id', '=', authorId!))
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(cardOf)
  }

  async countCards(boardId: string): Promise<number> {
    const { count } = await this.db
      .selectFrom('private_cards')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('board_id', '=', boardId)
      .executeTakeFirstOrThrow()
    return Number(count)
  }

  beginReveal(boardId: string, anonymous: boolean, now: number): Promise<BegunReveal | null> {
    return this.db.transaction().execute(async (tx) => {
      const phase = await this.lockPhase(tx, boardId)
      if (!phase) return null
      // Anonymity only ever gets added: a retry may run while the first try is still writing.
      const withoutNames = anonymous || (Number(phase.revealing) === 1 && Number(phase.reveal_anonymous) === 1)
      await tx
        .updateTable('board_private_phases')
        .set({ revealing: 1, reveal_anonymous: withoutNames ? 1 : 0, reveal_started_at: now })
        .where('board_id', '=', boardId)
        .execute()
      return this.begun(tx, boardId, withoutNames, Number(phase.started_at))
    })
  }

  claimInterruptedReveal(boardId: string, now: number, leaseMs: number): Promise<BegunReveal | null> {
    return this.db.transaction().execute(async (tx) => {
      const phase = await this.lockPhase(tx, boardId)
      if (!phase || Number(phase.revealing) !== 1) return null
      const since = phase.reveal_started_at === null ? null : Number(phase.reveal_started_at)
      if (since !== null && now - since < leaseMs) return null
      await tx
        .updateTable('board_private_phases')
        .set({ reveal_started_at: now })
        .where('board_id', '=', boardId)
        .execute()
      return this.begun(tx, boardId, Number(phase.reveal_anonymous) === 1, Number(phase.started_at))
    })
  }

  finishReveal(boardId: string, phaseStartedAt: number): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const phase = await this.lockPhase(tx, boardId)
      if (!phase || Number(phase.revealing) !== 1 || Number(phase.started_at) !== phaseStartedAt) return false
      await tx.deleteFrom('private_cards').where('board_id', '=', boardId).execute()
      await tx.deleteFrom('board_private_phases').where('board_id', '=', boardId).execute()
      return true
    })
  }

  private async begun(
    tx: Transaction<Database>,
    boardId: string,
    anonymous: boolean,
    phaseStartedAt: number,
  ): Promise<BegunReveal> {
    const rows = await tx
      .selectFrom('private_cards')
      .selectAll()
      .where('board_id', '=', boardId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return { cards: rows.map(cardOf), anonymous, phaseStartedAt }
  }

  /** The phase row, locked against a concurrent reveal (PostgreSQL; SQLite writes one at a time). */
  private async lockPhase(tx: Transaction<Database>, boardId: string): Promise<PhaseRow | undefined> {
    return tx
      .selectFrom('board_private_phases')
      .selectAll()
      .where('board_id', '=', boardId)
      .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst()
  }

  private async openPhase(tx: Transaction<Database>, boardId: string): Promise<boolean> {
    const phase = await this.lockPhase(tx, boardId)
    return phase !== undefined && Number(phase.revealing) === 0
  }

  private async touch(tx: Transaction<Database>, boardId: string, now: number): Promise<void> {
    await tx.updateTable('board_private_phases').set({ changed_at: now }).where('board_id', '=', boardId).execute()
  }
}
