import type {
  BoardProjectorSection,
  BoardStateMessage,
  BoardTimerSection,
  BoardViewSection,
  ProjectorActionBody,
  TimerActionBody,
  ViewActionBody,
  ViewResponse,
} from '@pinnwand/shared'
import type { Logger } from 'pino'
import type { Actor } from '../auth/Actor.ts'
import type { BoardStatePublishing, SharedValues } from '../sync/roomPorts.ts'
import type { TimerStore } from './TimerStore.ts'
import { applyTimerAction, type TimerDecision } from './timerRules.ts'

interface BoardViews {
  follow: BoardViewSection | null
  summon: BoardViewSection | null
}

type ViewName = keyof BoardViews

/** How long a timer action's requestId is remembered (a retry comes within seconds). */
const TIMER_REQUEST_TTL_MS = 10 * 60 * 1000

/** A shared view nobody ended is forgotten after this long. */
const VIEW_TTL_MS = 12 * 60 * 60 * 1000

/**
 * The facilitator's toolkit on the server: the board timer (in the database, so a restart keeps
 * its end time) and "follow me" / "bring everyone to my view" (in memory: a view is worth
 * nothing after a restart — with REDIS_URL in Redis, so that every instance knows the same views:
 * a follow move may reach any instance, and a board loaded later or resynced starts from them).
 * Both reach every copy of the board as sections of the server-owned board state — never
 * through awareness, which any client can publish.
 */
export class Facilitation {
  private readonly timers: TimerStore
  private readonly rooms: BoardStatePublishing & SharedValues
  private readonly logger: Logger
  private readonly now: () => number
  /** The last views seen here: what we fall back on while Redis cannot be reached. */
  private readonly views = new Map<string, BoardViews>()
  /** The last projector modes set here: the fallback while Redis cannot be reached. */
  private readonly projectors = new Map<string, BoardProjectorSection>()
  /** View actions of one board on this instance run one after another (read, then write). */
  private readonly viewQueues = new Map<string, Promise<unknown>>()
  /** Timer actions of one board run one after another (two clicks must not both read the old timer). */
  private readonly timerQueues = new Map<string, Promise<unknown>>()

  constructor(
    timers: TimerStore,
    rooms: BoardStatePublishing & SharedValues,
    logger: Logger,
    now: () => number = Date.now,
  ) {
    this.timers = timers
    this.rooms = rooms
    this.logger = logger
    this.now = now
    rooms.addStateProvider(async (boardId) => ({
      timer: await this.timers.getTimer(boardId),
      ...(await this.viewsOf(boardId)),
      projector: await this.projectorOf(boardId),
    }))
  }

  /**
   * What the big screen shows (board, countdown, results, join). Kept like the shared views: in
   * memory, with REDIS_URL in Redis for every instance; after a restart the projector shows the
   * board, which is where a facilitator would start again anyway.
   */
  async projectorAction(boardId: string, action: ProjectorActionBody): Promise<BoardProjectorSection> {
    const section: BoardProjectorSection = {
      mode: action.mode,
      shownPlaces: action.mode === 'results' ? (action.shownPlaces ?? null) : null,
      ...(action.mode === 'walkthrough' ? { step: action.step ?? 0 } : {}),
      at: this.now(),
    }
    this.projectors.set(boardId, section)
    try {
      await this.rooms.setSharedValue(projectorKey(boardId), JSON.stringify(section), VIEW_TTL_MS)
    } catch (error) {
      this.logger.warn({ err: error, boardId }, 'projector mode not stored for other instances')
    }
    this.publish(boardId, { projector: section })
    this.logger.info(
      { boardId, mode: section.mode, shownPlaces: section.shownPlaces, step: section.step },
      'projector mode changed',
    )
    return section
  }

  /**
   * A revealed round goes on the big screen: the ranking, all at once (animated from the last
   * place up) — unless the projector already shows the results, e.g. place by place.
   */
  async showResultsOnReveal(boardId: string): Promise<void> {
    if ((await this.projectorOf(boardId))?.mode === 'results') return
    await this.projectorAction(boardId, { mode: 'results' })
  }

  /** The board's timer as stored (the control room shows every table's). */
  timerOf(boardId: string): Promise<BoardTimerSection | null> {
    return this.timers.getTimer(boardId)
  }

  private async projectorOf(boardId: string): Promise<BoardProjectorSection | null> {
    try {
      const stored = await this.rooms.getSharedValue(projectorKey(boardId))
      return stored ? (JSON.parse(stored) as BoardProjectorSection) : null
    } catch (error) {
      this.logger.warn({ err: error, boardId }, 'shared projector mode unavailable; using this instance’s')
      return this.projectors.get(boardId) ?? null
    }
  }

  /** Applies a facilitator's timer action; on success the timer is stored, then published. */
  timerAction(boardId: string, action: TimerActionBody): Promise<TimerDecision & { serverNow: number }> {
    const previous = this.timerQueues.get(boardId) ?? Promise.resolve()
    const run = previous
      .catch(() => undefined)
      .then(async () => {
        const current = await this.timers.getTimer(boardId)
        const now = this.now()
        // Already applied (a retry): answer with the timer as it is, change nothing.
        const seenKey = action.requestId ? `timer-request:${boardId}:${action.requestId}` : null
        if (seenKey && (await this.rooms.getSharedValue(seenKey).catch(() => null)) !== null) {
          return { ok: true as const, timer: current, serverNow: now }
        }
        const decision = applyTimerAction(current, action, now)
        if (decision.ok) {
          await this.timers.setTimer(boardId, decision.timer, now)
          if (seenKey) await this.rooms.setSharedValue(seenKey, '1', TIMER_REQUEST_TTL_MS).catch(() => undefined)
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
  viewAction(boardId: string, actor: Actor, action: ViewActionBody): Promise<ViewResponse> {
    const previous = this.viewQueues.get(boardId) ?? Promise.resolve()
    const run = previous.catch(() => undefined).then(() => this.applyViewAction(boardId, actor, action))
    const settled = run.finally(() => {
      if (this.viewQueues.get(boardId) === settled) this.viewQueues.delete(boardId)
    })
    this.viewQueues.set(boardId, settled)
    return run
  }

  private async applyViewAction(boardId: string, actor: Actor, action: ViewActionBody): Promise<ViewResponse> {
    const views = await this.viewsOf(boardId)
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
    const changed: ViewName = action.action === 'summon' ? 'summon' : 'follow'
    this.remember(boardId, next)
    try {
      await this.rooms.setSharedValue(
        viewKey(boardId, changed),
        next[changed] && JSON.stringify(next[changed]),
        VIEW_TTL_MS,
      )
    } catch (error) {
      this.logger.warn({ err: error, boardId }, 'shared view not stored for other instances')
    }
    this.publish(boardId, { [changed]: next[changed] })
    return next
  }

  /**
   * The shared views of a board. Follow and summon are kept apart, so that a "follow me" move on
   * one instance and a "bring everyone" on another never overwrite each other.
   */
  private async viewsOf(boardId: string): Promise<BoardViews> {
    try {
      const [follow, summon] = await Promise.all(
        (['follow', 'summon'] as const).map(async (name) => {
          const stored = await this.rooms.getSharedValue(viewKey(boardId, name))
          return stored ? (JSON.parse(stored) as BoardViewSection) : null
        }),
      )
      const views = { follow: follow ?? null, summon: summon ?? null }
      this.remember(boardId, views)
      return views
    } catch (error) {
      this.logger.warn({ err: error, boardId }, 'shared views unavailable; using this instance’s')
      return this.views.get(boardId) ?? { follow: null, summon: null }
    }
  }

  private remember(boardId: string, views: BoardViews): void {
    if (views.follow === null && views.summon === null) this.views.delete(boardId)
    else this.views.set(boardId, views)
  }

  private publish(boardId: string, patch: Partial<BoardStateMessage>): void {
    // Through the room manager: clients on other instances (REDIS_URL) get it too.
    this.rooms.setBoardState(boardId, patch)
  }
}

function projectorKey(boardId: string): string {
  return `projector:${boardId}`
}

function viewKey(boardId: string, name: ViewName): string {
  return `view:${name}:${boardId}`
}
