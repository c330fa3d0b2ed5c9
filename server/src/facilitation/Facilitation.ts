import type { BoardStateMessage, BoardViewSection, TimerActionBody, ViewActionBody, ViewResponse } from '@pinnwand/shared'
import type { Logger } from 'pino'
import type { Actor } from '../auth/Actor.ts'
import type { RoomManager } from '../sync/RoomManager.ts'
import type { TimerStore } from './TimerStore.ts'
import { applyTimerAction, type TimerDecision } from './timerRules.ts'

interface BoardViews {
  follow: BoardViewSection | null
  summon: BoardViewSection | null
}

/**
 * The facilitator's toolkit on the server: the board timer (in the database, so a restart keeps
 * its end time) and "follow me" / "bring everyone to my view" (in memory: a view is worth
 * nothing after a restart). Both reach every copy of the board as sections of the server-owned
 * board state — never through awareness, which any client can publish.
 */
export class Facilitation {
  private readonly timers: TimerStore
  private readonly rooms: RoomManager
  private readonly logger: Logger
  private readonly now: () => number
  private readonly views = new Map<string, BoardViews>()
  /** Timer actions of one board run one after another (two clicks must not both read the old timer). */
  private readonly timerQueues = new Map<string, Promise<unknown>>()

  constructor(timers: TimerStore, rooms: RoomManager, logger: Logger, now: () => number = Date.now) {
    this.timers = timers
    this.rooms = rooms
    this.logger = logger
    this.now = now
    rooms.addStateProvider(async (boardId) => ({ timer: await this.timers.getTimer(boardId), ...this.viewsOf(boardId) }))
  }

  /** Applies a facilitator's timer action; on success the timer is stored, then published. */
  timerAction(boardId: string, action: TimerActionBody): Promise<TimerDecision & { serverNow: number }> {
    const previous = this.timerQueues.get(boardId) ?? Promise.resolve()
    const run = previous
      .catch(() => undefined)
      .then(async () => {
        const current = await this.timers.getTimer(boardId)
        const now = this.now()
        const decision = applyTimerAction(current, action, now)
        if (decision.ok) {
          await this.timers.setTimer(boardId, decision.timer, now)
          this.publish(boardId, { timer: decision.timer })
          this.logger.info({ boardId, action: action.action }, 'board timer changed')
        }
        return { ...decision, serverNow: now }
      })
    const settled = run.finally(() => {
      if (this.timerQueues.get(boardId) === settled) this.timerQueues.delete(boardId)
    })
    this.timerQueues.set(boardId, settled)
    return run
  }

  /** "Bring everyone to my view" (once) or "follow me" (start, move, end). */
  viewAction(boardId: string, actor: Actor, action: ViewActionBody): ViewResponse {
    const views = this.viewsOf(boardId)
    const now = this.now()
    // A moving "follow me" keeps its start, so a participant who left it is not pulled back by every move.
    const since = action.action === 'follow' && views.follow?.userId === actor.userId ? views.follow.since : now
    const next: BoardViews =
      action.action === 'unfollow'
        ? { ...views, follow: null }
        : {
            ...views,
            [action.action]: {
              userId: actor.userId,
              name: actor.name,
              at: now,
              since,
              pageId: action.pageId,
              viewport: action.viewport,
            },
          }
    if (next.follow === null && next.summon === null) this.views.delete(boardId)
    else this.views.set(boardId, next)
    this.publish(boardId, next)
    return next
  }

  private viewsOf(boardId: string): BoardViews {
    return this.views.get(boardId) ?? { follow: null, summon: null }
  }

  private publish(boardId: string, patch: Partial<BoardStateMessage>): void {
    // Through the room manager: clients on other instances (REDIS_URL) get it too.
    this.rooms.setBoardState(boardId, patch)
  }
}
