/** Persistence port of the shortlist; each method is one transaction. */

export interface ShortlistEntry {
  ideaId: string
  /** The idea's text when it was listed. */
  text: string
  /** The round it was promoted from and its dots there; null when picked by hand. */
  roundId: string | null
  votes: number | null
  addedAt: number
}

export interface ShortlistStore {
  /** In shortlist order. */
  getShortlist(boardId: string): Promise<ShortlistEntry[]>
  /** Replaces the board's whole shortlist with `entries`, in that order. */
  setShortlist(boardId: string, entries: readonly ShortlistEntry[]): Promise<void>
  /**
   * Reads and replaces the shortlist in one transaction (two facilitators changing it at once
   * cannot lose each other's change). `change` may throw to refuse; nothing is written then.
   */
  updateShortlist(boardId: string, change: (current: ShortlistEntry[]) => ShortlistEntry[]): Promise<ShortlistEntry[]>
}
