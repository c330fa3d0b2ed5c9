import { BoardDoc } from '@pinnwand/shared'
import * as Y from 'yjs'

export type UpdateInspection =
  /**
   * `duplicateKeys`: keys the update writes more than once. YKeyValue keeps only one entry per
   * key in its map but leaves the others in the array, where a joining client would find them;
   * the room removes them after its review (BoardRoom).
   */
  { ok: true; duplicateKeys?: string[] } | { ok: false; reason: string }

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Checks the shape of a client's Yjs update before it touches the room's document. Clients may
 * only append `{ key, val }` entries to the root `records` array, add new entries (plain
 * objects) to the root `comments` map, and delete things: no other map entries, no nested
 * types, no text, no other root types. Contents are checked after applying: records against
 * the tldraw schema (recordPolicy.ts), comments by comments/commentPolicy.ts.
 *
 * A comment is only ever added under a fresh key; such an entry names its map and key. Writing
 * an existing key again (an edit, which comments do not have) carries no parent here and must
 * therefore look like a records entry, so it is refused with the connection (4422).
 */
export function inspectClientUpdate(update: Uint8Array, known: Map<number, number> = new Map()): UpdateInspection {
  let decoded: DecodedUpdate
  try {
    decoded = Y.decodeUpdate(update)
  } catch (error) {
    return { ok: false, reason: `undecodable update: ${(error as Error).message}` }
  }
  return inspectDecodedUpdate(decoded, (client) => known.get(client) ?? 0)
}

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/** The same checks on an update decoded already; `stateOf` gives the room's clock per client. */
export function inspectDecodedUpdate(decoded: DecodedUpdate, stateOf: (client: number) => number): UpdateInspection {
  const keys = new Set<string>()
  const duplicateKeys = new Set<string>()
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue // GC and Skip carry no content
    // Structs the room already has are ignored by Yjs anyway. Clients resend them routinely (an
    // offline cache holds the server's own `meta` entries), so they must not count against them.
    if (struct.id.clock + struct.length <= stateOf(struct.id.client)) continue
    const parent = struct.parent as unknown
    if (parent === BoardDoc.comments) {
      const problem = inspectCommentEntry(struct)
      if (problem) return { ok: false, reason: problem }
      continue
    }
    if (struct.parentSub !== null) return { ok: false, reason: 'map entries are written by the server only' }
    if (typeof parent === 'string' && parent !== BoardDoc.records) {
      return { ok: false, reason: `writes to "${parent}" are not allowed` }
    }
    if (parent !== null && typeof parent !== 'string') return { ok: false, reason: 'nested types are not allowed' }
    const content = struct.content
    if (content instanceof Y.ContentDeleted) continue
    if (!(content instanceof Y.ContentAny)) {
      return { ok: false, reason: `content type ${content.constructor.name} is not allowed` }
    }
    for (const entry of content.arr) {
      if (!isPlainObject(entry) || typeof entry.key !== 'string' || !isPlainObject(entry.val)) {
        return { ok: false, reason: 'records entries must be { key, val } objects' }
      }
      if (keys.has(entry.key)) duplicateKeys.add(entry.key)
      keys.add(entry.key)
    }
  }
  return duplicateKeys.size > 0 ? { ok: true, duplicateKeys: [...duplicateKeys] } : { ok: true }
}

/** A new entry of the `comments` map: one plain object under a key. Its contents are reviewed later. */
function inspectCommentEntry(struct: Y.Item): string | null {
  if (struct.parentSub === null) return 'comments is a map: entries need a key'
  const content = struct.content
  if (content instanceof Y.ContentDeleted) return null
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1 || !isPlainObject(content.arr[0])) {
    return 'a comment must be a plain object'
  }
  return null
}
