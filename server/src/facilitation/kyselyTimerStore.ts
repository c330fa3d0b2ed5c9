import type { Kysely } from 'kysely'
import type { TimerStore } from './TimerStore.ts'
import type { TimerState } from './timerRules.ts'
import type { Database } from '../store/schema.ts'

/** Facilitation timers in `board_timers` (SQLite and PostgreSQL). */
export class KyselyTimerStore implements TimerStore {
  private readonly db: Kysely<Database>

  constructor(db: Kysely<Database>) {
    this.db = db
  }

  async getTimer(boardId: string): Promise<TimerState | null> {
    const row = await this.db.selectFrom('board_timers').selectAll().where('board_id', '=', boardId).executeTakeFirst()
    if (!row) return null
    return {
      running: Number(row.running) === 1,
      endsAt: row.ends_at === null ? null : Number(row.ends_at),
      remainingMs: row.remaining_ms === null ? null : Number(row.remaining_ms),
      durationMs: Number(row.duration_ms),
    }
  }

  async setTimer(boardId: string, timer: TimerState | null, now: number): Promise<void> {
    if (!timer) {
      await this.db.deleteFrom('board_timers').where('board_id', '=', boardId).execute()
      return
    }
    const values = {
      running: timer.running ? 1 : 0,
      ends_at: timer.endsAt,
      remaining_ms: timer.remainingMs,
      duration_ms: timer.durationMs,
      updated_at: now,
    }
    await this.db
      .insertInto('board_timers')
      .values({ board_id: boardId, ...values })
      .onConflict((oc) => oc.column('board_id').doUpdateSet(values))
      .execute()
  }
}
