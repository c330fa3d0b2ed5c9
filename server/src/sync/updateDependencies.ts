import * as Y from 'yjs'
import type { DecodedUpdate } from './inspectClientUpdate.ts'

export type DependencyCheck =
  /** Everything integrates now. `writers`: client ids under which the update adds new clocks. */
  { ok: true; writers: number[] } | { ok: false; reason: string }

/**
 * Decides, without touching any document, whether Yjs could integrate all of an update right
 * now, given the room's clock per client (`stateOf`). Yjs itself would park what it cannot
 * integrate in `store.pendingStructs` / `store.pendingDs` and integrate it later, inside
 * whichever transaction brings the missing piece — someone else's. That is how a hostile client
 * makes its content run under another person's authority (docs/architecture.md, "nothing
 * pending"), so an update is taken whole or not at all.
 *
 * The check follows Yjs' own integration order (`integrateStructs`): each client's structs in
 * clock order, a struct only once its left origin, right origin and (nested) parent exist, and
 * delete ranges only over clocks that exist after the structs. Dependencies between clients of
 * the same update are resolved by repeating passes until nothing moves; what is left then is a
 * gap or a cycle, which Yjs would keep pending for ever.
 */
export function checkUpdateDependencies(decoded: DecodedUpdate, stateOf: (client: number) => number): DependencyCheck {
  const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>()
  for (const struct of decoded.structs) {
    let list = byClient.get(struct.id.client)
    if (!list) byClient.set(struct.id.client, (list = []))
    list.push(struct)
  }
  const state = new Map<number, number>()
  const clock = (client: number) => state.get(client) ?? stateOf(client)
  const writers = new Set<number>()
  const next = new Map<number, number>([...byClient.keys()].map((client) => [client, 0]))

  let moved = true
  while (moved) {
    moved = false
    for (const [client, structs] of byClient) {
      let i = next.get(client)!
      for (; i < structs.length; i++) {
        const struct = structs[i]!
        const known = clock(client)
        const end = struct.id.clock + struct.length
        if (struct instanceof Y.Skip) {
          // A hole in the update: harmless only where the room has those clocks already.
          if (end > known) break
          continue
        }
        if (struct.id.clock > known) break // an earlier struct of this client is missing
        if (end <= known) continue // the room has it already; Yjs skips it
        if (struct instanceof Y.Item) {
          const missing = missingDependency(struct, clock)
          if (missing === 'malformed')
            return { ok: false, reason: 'a struct refers to a later clock of its own client' }
          if (missing) break
        }
        state.set(client, end)
        writers.add(client)
        moved = true
      }
      next.set(client, i)
    }
  }
  for (const [client, structs] of byClient) {
    if (next.get(client)! < structs.length) {
      const stuck = structs[next.get(client)!]!
      return {
        ok: false,
        reason: `update depends on content the server does not have (client ${client}, clock ${stuck.id.clock})`,
      }
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const known = clock(client)
    for (const range of ranges) {
      if (range.clock + range.len > known) {
        return {
          ok: false,
          reason: `update deletes content that does not exist (client ${client}, clock ${range.clock})`,
        }
      }
    }
  }
  return { ok: true, writers: [...writers] }
}

/** The first dependency of an item that is not there yet, as Yjs' `Item.getMissing` sees it. */
function missingDependency(item: Y.Item, clock: (client: number) => number): 'malformed' | boolean {
  const parent = item.parent as unknown
  const dependencies = [item.origin, item.rightOrigin, parent instanceof Y.ID ? parent : null]
  for (const id of dependencies) {
    if (!id) continue
    if (id.client === item.id.client) {
      // Yjs does not wait for its own client (clock order guarantees it) and throws instead.
      if (id.clock >= item.id.clock) return 'malformed'
      continue
    }
    if (id.clock >= clock(id.client)) return true
  }
  return false
}

/**
 * Forgets whatever Yjs keeps pending in a document and returns its size. Used where content
 * arrives that is durable already (the store, another instance): junk persisted before the room
 * refused incomplete updates, or a relayed update whose predecessor was lost (the store then
 * repairs it). Left there, it would be integrated inside some later client's transaction and
 * sent to every joiner (`encodeStateAsUpdate` includes pending content).
 */
export function dropPending(doc: Y.Doc): number {
  const store = doc.store
  const bytes = (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0)
  store.pendingStructs = null
  store.pendingDs = null
  return bytes
}
