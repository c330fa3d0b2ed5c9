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

/** Deletes by one person within this window add up (a delete spread over several ticks). */
export const MASS_DELETE_WINDOW_MS = 30_000

/**
 * Notices when many idea cards are deleted at once — in one tick (a select-all + delete, a
 * buggy script), or by one person spread over several ticks (deleting card after card, a script
 * that deletes one per update) — so the board as it was just before can be kept as a version.
 * Cheap by design: one map entry per deleted card, nothing at all for the drag frames and edits
 * that make up most ticks.
 */
export class MassDeleteWatch {
  private readonly deleted = new Map<string, { record: TLRecord; by: string; at: number; thisTick: boolean }>()
  private readonly minCards: number
  private readonly now: () => number

  constructor(minCards = MASS_DELETE_MIN_CARDS, now: () => number = Date.now) {
    this.minCards = minCards
    this.now = now
  }

  /** A client deleted `record` (called for every delete a client writes, before review). */
  noteDelete(record: TLRecord | undefined, by: string): void {
    if (record?.typeName === 'shape' && record.type === IDEA_CARD_TYPE) {
      this.deleted.set(record.id, { record, by, at: this.now(), thisTick: true })
    }
  }

  /**
   * At the tick: the cards still gone (refused deletes were put back, cards may have been
   * re-added) when they are at least `minCards` — of this tick, whoever deleted them, or of one
   * person within MASS_DELETE_WINDOW_MS. What is reported is forgotten; the rest waits in the
   * window.
   */
  take(isPresent: (id: string) => boolean): MassDelete | null {
    if (this.deleted.size === 0) return null
    const now = this.now()
    for (const [id, entry] of this.deleted) {
      if (isPresent(id) || now - entry.at >= MASS_DELETE_WINDOW_MS) this.deleted.delete(id)
    }
    const entries = [...this.deleted.values()]
    const thisTick = entries.filter((e) => e.thisTick)
    const perPerson = new Map<string, typeof entries>()
    for (const entry of entries) perPerson.set(entry.by, [...(perPerson.get(entry.by) ?? []), entry])
    const reported = new Set(thisTick.length >= this.minCards ? thisTick : [])
    for (const own of perPerson.values()) if (own.length >= this.minCards) own.forEach((e) => reported.add(e))
    for (const entry of entries) entry.thisTick = false
    if (reported.size === 0) return null
    for (const entry of reported) this.deleted.delete(entry.record.id)
    return { deleted: [...reported].map((e) => e.record), by: [...new Set([...reported].map((e) => e.by))] }
  }
}
