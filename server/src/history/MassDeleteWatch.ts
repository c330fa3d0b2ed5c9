import { IDEA_CARD_TYPE } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'

/** This many idea cards deleted by clients within one tick count as a mass delete. */
export const MASS_DELETE_MIN_CARDS = 10

export interface MassDelete {
  /** The deleted idea cards as they were just before. */
  deleted: TLRecord[]
  /** Display names of who deleted them. */
  by: string[]
}

/**
 * Notices when one tick deletes many idea cards (a select-all + delete, a buggy script), so the
 * board as it was just before can be kept as a version. Cheap by design: one map entry per
 * deleted card, nothing at all for the drag frames and edits that make up most ticks.
 */
export class MassDeleteWatch {
  private readonly deleted = new Map<string, { record: TLRecord; by: string }>()
  private readonly minCards: number

  constructor(minCards = MASS_DELETE_MIN_CARDS) {
    this.minCards = minCards
  }

  /** A client deleted `record` (called for every delete a client writes, before review). */
  noteDelete(record: TLRecord | undefined, by: string): void {
    if (record?.typeName === 'shape' && record.type === IDEA_CARD_TYPE) this.deleted.set(record.id, { record, by })
  }

  /**
   * At the tick: the cards deleted since the last tick that are still gone (refused deletes were
   * put back, cards may have been re-added), when they are at least `minCards`; then forgets them.
   */
  take(isPresent: (id: string) => boolean): MassDelete | null {
    if (this.deleted.size === 0) return null
    const gone = [...this.deleted.values()].filter(({ record }) => !isPresent(record.id))
    this.deleted.clear()
    if (gone.length < this.minCards) return null
    return { deleted: gone.map((g) => g.record), by: [...new Set(gone.map((g) => g.by))] }
  }
}
