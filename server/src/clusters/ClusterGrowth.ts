import { CLUSTER_TYPE, type ClusterShape, IDEA_CARD_TYPE } from '@pinnwand/shared'
import { type GrowableShape, growClusters } from '@pinnwand/shared/placement'
import type { TLRecord, TLSchema, TLShape } from '@tldraw/tlschema'
import type { Logger } from 'pino'
import type * as Y from 'yjs'
import { placedShapes } from '../domain/placement.ts'
import { type BoardRoom, RELAY_ORIGIN } from '../sync/BoardRoom.ts'
import { validateRecord } from '../sync/recordPolicy.ts'

/** Quiet time after the last change to a cluster's cards before it is grown (ms). */
export const SETTLE_AFTER_MS = 800

type RecordChanges = Map<string, { action: 'add' | 'update' | 'delete'; oldValue?: TLRecord; newValue?: TLRecord }>

export interface ClusterGrowthOptions {
  schema: TLSchema
  logger: Logger
  /** Overrides SETTLE_AFTER_MS (tests). */
  settleMs?: number
}

/**
 * Clusters grow on the server (issue 13). A participant may drop a card into a full cluster they
 * did not create — the card takes a new row below its edge — but may not resize that cluster;
 * and an idea posted into a cluster through the API takes its next free slot, which may lie below
 * the edge too. Once a cluster's cards have been quiet for a moment, the room grows the cluster
 * and moves the clusters below out of the way (shared `growClusters`), as its own write, so the
 * board stays readable with no facilitator tab open.
 *
 * Only the instance that took the change acts: content relayed from another instance was already
 * settled there, and two instances writing the same sizes would only add history.
 */
export class ClusterGrowth {
  private readonly options: ClusterGrowthOptions

  constructor(options: ClusterGrowthOptions) {
    this.options = options
  }

  /** Watches one loaded room until it is destroyed (RoomManager.onRoomLoaded). */
  watch(room: BoardRoom): void {
    const pending = new Set<string>()
    let timer: NodeJS.Timeout | null = null
    const settleMs = this.options.settleMs ?? SETTLE_AFTER_MS
    room.records.on('change', (changes: RecordChanges, transaction: Y.Transaction) => {
      if (transaction.origin === RELAY_ORIGIN) return
      for (const [, change] of changes) {
        const card = change.newValue as TLShape | undefined
        if (change.action === 'delete' || card?.typeName !== 'shape' || card.type !== IDEA_CARD_TYPE) continue
        if (room.records.get(card.parentId)?.typeName === 'shape') pending.add(card.parentId)
      }
      if (pending.size === 0) return
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        const touched = [...pending]
        pending.clear()
        void this.settle(room, touched)
      }, settleMs)
      timer.unref()
    })
  }

  private async settle(room: BoardRoom, touched: string[]): Promise<void> {
    if (room.doc.isDestroyed) return
    try {
      let grown = 0
      await room.change((records) => {
        const shapes = [...records.map.values()].map((entry) => entry.val)
        const growth = growClusters(growableShapes(shapes), touched)
        const updates: ClusterShape[] = []
        for (const id of new Set([...growth.sizes.keys(), ...growth.positions.keys()])) {
          const cluster = records.get(id) as ClusterShape | undefined
          if (cluster?.type !== CLUSTER_TYPE) continue
          const size = growth.sizes.get(id)
          const position = growth.positions.get(id)
          updates.push({ ...cluster, ...position, props: { ...cluster.props, ...size } })
        }
        for (const record of updates) {
          const problem = validateRecord(record.id, record, records.get(record.id), this.options.schema)
          if (problem) throw new Error(`grown cluster ${record.id} is invalid: ${problem}`)
        }
        for (const record of updates) records.set(record.id, record)
        grown = growth.sizes.size
      })
      if (grown > 0) this.options.logger.info({ boardId: room.boardId, grown }, 'clusters grown to hold their cards')
    } catch (error) {
      this.options.logger.warn({ err: error, boardId: room.boardId }, 'growing clusters failed')
    }
  }
}

/** Shapes as the growth rule sees them: placement's view, plus which are locked in place. */
function growableShapes(records: readonly TLRecord[]): GrowableShape[] {
  const locked = new Set<string>(
    records.filter((r) => r.typeName === 'shape' && (r as TLShape).isLocked).map((r) => r.id),
  )
  return placedShapes(records).map((shape) => ({ ...shape, locked: locked.has(shape.id) }))
}
