import { IDEA_CARD_TYPE } from '@pinnwand/shared'
import { type SeparableShape, separateCards } from '@pinnwand/shared/placement'
import type { TLRecord, TLSchema, TLShape } from '@tldraw/tlschema'
import type { Logger } from 'pino'
import type * as Y from 'yjs'
import { placedShapes } from '../domain/placement.ts'
import { DEFAULT_PAGE_ID } from '../domain/boardDocument.ts'
import { type BoardRoom, RELAY_ORIGIN } from '../sync/BoardRoom.ts'
import { validateRecord } from '../sync/recordPolicy.ts'

/** Quiet time after a card's last write before the room checks it for overlaps (ms). */
export const REPAIR_SETTLE_MS = 500
/** At most this many repairs of one card per `REPAIR_WINDOW_MS`: a client that keeps moving its card back onto another is not chased for ever. */
export const MAX_REPAIRS_PER_CARD = 10
export const REPAIR_WINDOW_MS = 60_000

type RecordChanges = Map<string, { action: 'add' | 'update' | 'delete'; oldValue?: TLRecord; newValue?: TLRecord }>

export interface OverlapRepairOptions {
  schema: TLSchema
  logger: Logger
  /** Overrides REPAIR_SETTLE_MS (tests). */
  settleMs?: number
}

/**
 * Cards that landed on each other move apart on the server (issue 13). Every device computes a
 * new card's slot from its own view of the board, so two phones — on one instance within a round
 * trip, or on two instances behind the proxy — can put their cards into the same free slot. Once
 * a card written by anyone has been quiet for a moment, the room looks for idea cards it covers
 * and moves the later-written one of each pair to a free slot (shared `separateCards`), as its
 * own write, like cluster growth.
 *
 * Two instances see the same overlap. The decision depends only on the document (write order),
 * so both pick the same card; only the instance through which that card's latest write came
 * moves it, so one move is written, not two, and the per-card cap holds for the whole cluster.
 * (If that instance stops within the settle time, the cards stay on each other until one is
 * written again.)
 */
export class OverlapRepair {
  private readonly options: OverlapRepairOptions

  constructor(options: OverlapRepairOptions) {
    this.options = options
  }

  /** Watches one loaded room until it is destroyed (RoomManager.onRoomLoaded). */
  watch(room: BoardRoom): void {
    const settleMs = this.options.settleMs ?? REPAIR_SETTLE_MS
    /** When each idea card was last written, and whether through this instance. */
    const written = new Map<string, { at: number; here: boolean }>()
    /** Cards to check, and when. */
    const due = new Map<string, number>()
    const repairs = new Map<string, number[]>()
    let timer: NodeJS.Timeout | null = null
    let lastCheck = 0

    const schedule = () => {
      if (timer || due.size === 0 || room.doc.isDestroyed) return
      // Checks plan the whole board (a few ms at 500 cards): on a busy board they come in rounds.
      const next = Math.max(
        [...due.values()].reduce((min, at) => Math.min(min, at), Infinity),
        lastCheck + settleMs / 2,
      )
      timer = setTimeout(
        () => {
          timer = null
          check()
          schedule()
        },
        Math.max(0, next - Date.now()),
      )
      timer.unref()
    }

    const check = () => {
      if (room.doc.isDestroyed) return
      const now = Date.now()
      lastCheck = now
      const candidates = [...due].filter(([, at]) => at <= now).map(([id]) => id)
      for (const id of candidates) due.delete(id)
      const busy = new Set([...written].filter(([, w]) => now - w.at < settleMs).map(([id]) => id))
      const mayMove = (id: string) => {
        // Another instance took this card's latest write: that one moves it.
        if (written.get(id)?.here === false) return false
        const recent = (repairs.get(id) ?? []).filter((at) => now - at < REPAIR_WINDOW_MS)
        repairs.set(id, recent)
        if (recent.length < MAX_REPAIRS_PER_CARD) return true
        this.options.logger.warn({ boardId: room.boardId, cardId: id }, 'card keeps landing on others; left there')
        return false
      }
      try {
        for (const id of this.repair(room, candidates, busy, mayMove)) repairs.get(id)?.push(now)
      } catch (error) {
        this.options.logger.warn({ err: error, boardId: room.boardId }, 'moving covered cards apart failed')
      }
    }

    room.records.on('change', (changes: RecordChanges, transaction: Y.Transaction) => {
      const now = Date.now()
      const here = transaction.origin !== RELAY_ORIGIN
      for (const [id, change] of changes) {
        const card = change.newValue as TLShape | undefined
        if (change.action === 'delete') {
          written.delete(id)
          due.delete(id)
          repairs.delete(id)
          continue
        }
        if (card?.typeName !== 'shape' || card.type !== IDEA_CARD_TYPE) continue
        written.set(id, { at: now, here })
        due.set(id, now + settleMs)
      }
      // A card that stays busy pushes its check back; the timer fires for the earliest one.
      if (timer && due.size > 0) {
        clearTimeout(timer)
        timer = null
      }
      schedule()
    })
    room.doc.on('destroy', () => {
      if (timer) clearTimeout(timer)
    })
  }

  /**
   * Moves covering cards apart once `candidates` (cards just quiet) ask for a look; `busy` cards
   * (written a moment ago, maybe mid-drag) stay, and `mayMove` says whether this instance moves a
   * card. Returns the moved cards.
   */
  private repair(
    room: BoardRoom,
    candidates: string[],
    busy: ReadonlySet<string>,
    mayMove: (id: string) => boolean,
  ): string[] {
    if (candidates.length === 0) return []
    let moved: string[] = []
    void room.change((records) => {
      const order = new Map<string, number>()
      records.yarray.forEach((entry, index) => order.set(entry.key, index))
      const all = [...records.map.values()].map((entry) => entry.val)
      const shapes: SeparableShape[] = placedShapes(all).map((shape) => ({
        ...shape,
        order: order.get(shape.id) ?? -1,
      }))
      // The whole board's plan, the same on every instance; this one carries out its own part.
      const moves = separateCards(shapes, DEFAULT_PAGE_ID)
      const updates: TLShape[] = []
      for (const [id, position] of moves) {
        const card = records.get(id) as TLShape | undefined
        if (card?.type === IDEA_CARD_TYPE && !busy.has(id) && mayMove(id)) updates.push({ ...card, ...position })
      }
      for (const record of updates) {
        const problem = validateRecord(record.id, record, records.get(record.id), this.options.schema)
        if (problem) throw new Error(`moved card ${record.id} is invalid: ${problem}`)
      }
      for (const record of updates) records.set(record.id, record)
      moved = updates.map((record) => record.id)
    })
    if (moved.length > 0) this.options.logger.info({ boardId: room.boardId, moved }, 'covered cards moved apart')
    return moved
  }
}
