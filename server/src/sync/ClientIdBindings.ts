import type { ClientIdClaim } from '../store/Store.ts'

/** Owner of the client ids the server itself writes under (API changes, compensations, migrations). */
export const SERVER_WRITER = '~server'

/** Where bindings are kept durably and shared between instances (the store). */
export type ClaimClientIds = (claims: readonly ClientIdClaim[]) => Promise<Map<number, string>>

/**
 * Which person writes under which Yjs client id of one board. Yjs trusts the client id in a
 * struct; a client that writes under someone else's id at their next clock makes that person's
 * own next write a duplicate that Yjs silently drops (their screen and the board then differ for
 * good). So the first connection that writes new structs under an id binds it to its person, and
 * nobody else may write under it afterwards. Bindings never change, so this cache of the store's
 * table is never stale; an id missing here is claimed in the store before anything under it is
 * applied. Client ids that existed before bindings did are bound by their next writer.
 */
export class ClientIdBindings {
  private readonly owners = new Map<number, string>()
  private readonly durable: ClaimClientIds | null

  constructor(durable: ClaimClientIds | null) {
    this.durable = durable
  }

  /**
   * For the client ids an update writes under: the first one bound to someone else, and those
   * not known here yet (to claim before applying).
   */
  judge(writers: readonly number[], ownerId: string): { foreign: number | null; unknown: number[] } {
    const unknown: number[] = []
    for (const clientId of writers) {
      const owner = this.owners.get(clientId)
      if (owner === undefined) unknown.push(clientId)
      else if (owner !== ownerId) return { foreign: clientId, unknown: [] }
    }
    // Without a store (a room in a unit test) this process is the only one: bind right here.
    if (!this.durable) {
      for (const clientId of unknown) this.owners.set(clientId, ownerId)
      return { foreign: null, unknown: [] }
    }
    return { foreign: null, unknown }
  }

  /** The person bound to `clientId` as far as this instance knows (undefined: not known here). */
  ownerOf(clientId: number): string | undefined {
    return this.owners.get(clientId)
  }

  /** Claims ids for one owner; resolves to the first id that turned out to be someone else's. */
  async claim(clientIds: readonly number[], ownerId: string): Promise<number | null> {
    const claims = clientIds.map((clientId) => ({ clientId, ownerId }))
    const owners = this.durable ? await this.durable(claims) : new Map<number, string>()
    let foreign: number | null = null
    for (const clientId of clientIds) {
      // The store's answer is the truth (also over a reservation); without a store (unit tests)
      // the first claim in this process wins.
      const owner = owners.get(clientId) ?? this.owners.get(clientId) ?? ownerId
      this.owners.set(clientId, owner)
      if (owner !== ownerId) foreign ??= clientId
    }
    return foreign
  }

  /**
   * Binds an id that nobody has written under yet to the person whose presence announced it:
   * here at once (so this instance refuses anyone else straight away), and in the store. An id
   * announced in presence is visible to everyone, and whoever wrote under it first would
   * otherwise own it, so a newcomer could be locked out of her own id before her first write.
   */
  reserve(clientId: number, ownerId: string, onError: (error: unknown) => void): void {
    if (this.owners.has(clientId)) return
    this.owners.set(clientId, ownerId)
    if (this.durable) this.claim([clientId], ownerId).catch(onError)
  }
}
