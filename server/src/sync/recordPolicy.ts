import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { CLUSTER_TYPE, IDEA_CARD_TYPE, Limits, parseBoardAssetUrl, uploadRecordId } from '@pinnwand/shared'
import type { Actor } from '../auth/Actor.ts'

export interface RecordChange {
  id: string
  before: TLRecord | undefined
  after: TLRecord | undefined
}

/** Why a change is refused, or null when it may stand. */
export type Verdict = string | null

const PROTECTED_IDS = new Set(['document:document'])

/** The verdict for a participant's change while the board is locked (the API answers 409 board_locked). */
export const LOCKED_VERDICT = 'the board is locked'

/** Server-owned state of the board that the rules depend on. */
export interface PolicyContext {
  /** Locked by the facilitator, or a voting round is open: participants change nothing. */
  locked: boolean
  /**
   * The record with this id as the document holds it now (in the room: after the change under
   * review, so a frame and its first child may arrive in one update). Without it, the rules that
   * need other records (`parentId`) are skipped.
   */
  getRecord?: (id: string) => TLRecord | undefined
  /**
   * Records of uploads that the server itself writes here (an import moving a backup's pictures
   * to the new board, assets/boardImages.ts); no client may write one.
   */
  trustedUploads?: ReadonlySet<string>
  /**
   * Whether the update under review writes this record itself. An upload's record must be older
   * than the asset that points at it: one forged in the same update (and then reverted) would
   * otherwise vouch for an address that never held a picture.
   */
  writtenBySameUpdate?: (id: string) => boolean
}

/** Shapes that may hold other shapes: a shape's `parentId` is the page or one of these. */
const CONTAINER_TYPES: ReadonlySet<string> = new Set([CLUSTER_TYPE, 'frame', 'group'])

/** Image types an inline `data:` asset may have (no SVG: it is a document, not a picture). */
const DATA_IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
])

/** Asset props that browsers fetch: each must be an upload of this board or a small inline image. */
const ASSET_URL_FIELDS = ['src', 'image', 'favicon'] as const

/** Fields a participant may change on someone else's idea card: moving it, nothing more. */
const MOVE_FIELDS = new Set(['x', 'y', 'rotation', 'index', 'parentId'])

/** Who created a shape: idea cards carry it in props, other shapes in meta (set by the client). */
export function shapeOwner(record: TLRecord | undefined): string | null {
  if (!record || record.typeName !== 'shape') return null
  if (record.type === IDEA_CARD_TYPE) return String((record.props as { authorId?: unknown }).authorId ?? '') || null
  const createdBy = (record.meta as { createdBy?: unknown }).createdBy
  return typeof createdBy === 'string' ? createdBy : null
}

const onlyMoved = (before: TLRecord, after: TLRecord): boolean => {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const key of keys) {
    if (MOVE_FIELDS.has(key)) continue
    const a = (before as unknown as Record<string, unknown>)[key]
    const b = (after as unknown as Record<string, unknown>)[key]
    if (a !== b && JSON.stringify(a) !== JSON.stringify(b)) return false
  }
  return true
}

/** Why a `user:` record is refused (tldraw writes one per author unless the app gives it no current user). */
export const PERSON_RECORD_VERDICT = 'person records are not part of the board'

/**
 * Decides whether one record change written by a client may stand. Pure: no document, no
 * socket. Refused changes are reverted by the room with a compensating server transaction.
 *
 * Roles (docs/architecture.md, decision 13): the facilitator may do everything valid; a participant creates
 * cards and drawings as themself (a card shows their own display name), moves any idea card,
 * and edits or deletes only their own shapes; pages and the document belong to the
 * facilitator; the projector changes nothing. Every record written, by anyone, keeps the
 * record limits (`checkRecordLimits`). The room asks this for socket writes, and the HTTP
 * routes and imports ask it too, so every write path follows the same rules.
 */
export function reviewRecordChange(
  actor: Actor,
  change: RecordChange,
  schema: TLSchema,
  context: PolicyContext = { locked: false },
): Verdict {
  if (actor.role === 'projector') return 'read-only access'
  const { id, before, after } = change
  if (after === undefined && PROTECTED_IDS.has(id)) return 'the document record cannot be deleted'
  if (after) {
    if (after.id !== id) return 'record id does not match its key'
    const beyond = checkRecordLimits(after, before, context)
    if (beyond) return beyond
    const invalid = validateRecord(id, after, before, schema)
    if (invalid) return invalid
  }
  // Person records (tldraw's `user:`) are not board content: they would name everyone at the
  // table, also after an anonymous reveal (decision 33). The web app writes none; older ones go.
  if (after?.typeName === 'user') return PERSON_RECORD_VERDICT
  // A turned cluster is a mis-drag (one came out at 280°), never wanted: refused for everyone.
  if (after?.typeName === 'shape' && after.type === CLUSTER_TYPE && after.rotation !== 0) {
    if (!before || before.typeName !== 'shape' || before.rotation !== after.rotation)
      return 'clusters cannot be rotated'
  }
  const ownerBefore = shapeOwner(before)
  const ownerAfter = shapeOwner(after)
  if (before && after && ownerBefore !== ownerAfter) return 'the author of a shape cannot change'
  if (actor.role === 'facilitator') {
    if (!before && after?.typeName === 'shape' && after.type === IDEA_CARD_TYPE && ownerAfter !== actor.userId) {
      return 'a new idea card must carry its author'
    }
    return null
  }
  // Participant from here on.
  if (context.locked) return LOCKED_VERDICT
  const authorName = reviewAuthorName(actor, before, after)
  if (authorName) return authorName
  const record = after ?? before
  if (!record) return null
  if (record.typeName === 'binding') return null
  // Only deleting is left (see above): one's own leftover from an older web app.
  if (record.typeName === 'user') return record.id === `user:${actor.userId}` ? null : "another user's record"

  if (record.typeName === 'asset') return before ? 'assets cannot be changed' : null
  if (record.typeName !== 'shape') return `only the facilitator can change ${record.typeName} records`
  if (!before) return ownerAfter === actor.userId ? null : 'a new shape must carry its author'
  if (ownerBefore === actor.userId) return null
  if (!after) return 'only the author can delete this'
  if (before.typeName === 'shape' && before.type === IDEA_CARD_TYPE && onlyMoved(before, after)) return null
  return 'only the author can change this'
}

/** Schema validation of a record as stored in the document. */
export function validateRecord(id: string, record: TLRecord, before: TLRecord | undefined, schema: TLSchema): Verdict {
  if (record.id !== id) return 'record id does not match its key'
  const type = schema.types[record.typeName as keyof typeof schema.types]
  if (!type) return `unknown record type ${String(record.typeName)}`
  if (type.scope !== 'document') return `${record.typeName} records are not part of the shared document`
  if (before && before.typeName !== record.typeName) return 'record type cannot change'
  try {
    type.validate(record as never, before as never)
  } catch (error) {
    return `invalid ${record.typeName}: ${(error as Error).message}`
  }
  return null
}

/** A participant's card shows their own display name; changing it is changing it to that name. */
function reviewAuthorName(actor: Actor, before: TLRecord | undefined, after: TLRecord | undefined): Verdict {
  if (after?.typeName !== 'shape' || after.type !== IDEA_CARD_TYPE) return null
  const name = (after.props as { author?: unknown }).author
  const previous = before?.typeName === 'shape' ? (before.props as { author?: unknown }).author : undefined
  if (before && name === previous) return null
  return name === actor.name ? null : 'an idea card must show its author’s own name'
}

/**
 * Record limits (docs/board-document.md): the id's length, nesting and size of `meta` and
 * `props`, the author name, coordinates, the parent, and where an asset's picture comes from. Checked before schema
 * validation, which walks the record recursively. Rules on fields that did not change
 * (coordinates, parent) apply only to new values, so an old record stays editable.
 */
export function checkRecordLimits(
  record: TLRecord,
  before: TLRecord | undefined,
  context: Pick<PolicyContext, 'getRecord' | 'trustedUploads' | 'writtenBySameUpdate'> = {},
): Verdict {
  if (typeof record.id === 'string' && record.id.length > Limits.recordIdMax) {
    return `the record id is longer than ${Limits.recordIdMax} characters`
  }
  const raw = record as unknown as { meta?: unknown; props?: unknown }
  const author = (raw.props as { author?: unknown } | undefined)?.author
  if (record.typeName === 'shape' && typeof author === 'string' && author.length > Limits.displayNameMax) {
    return `the author name is longer than ${Limits.displayNameMax} characters`
  }
  const meta = measureJson(raw.meta, Limits.recordNestingMax, Limits.recordMetaBytesMax)
  if (meta) return `meta ${meta}`
  const props = measureJson(raw.props, Limits.recordNestingMax, Limits.recordPropsBytesMax)
  if (props) return `props ${props}`
  if (record.typeName === 'asset') return checkAssetUrls(record, context)
  if (record.typeName !== 'shape') return null
  // An embed is an iframe of an outside page on every screen, the projector's included.
  if (record.type === 'embed') return 'embeds are not allowed: they load pages from outside addresses'
  const old = before?.typeName === 'shape' ? before : undefined
  for (const axis of ['x', 'y'] as const) {
    const value = record[axis]
    if (old && old[axis] === value) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > Limits.coordinateMax) {
      return `${axis} must be a number between -${Limits.coordinateMax} and ${Limits.coordinateMax}`
    }
  }
  if (context.getRecord && (!old || old.parentId !== record.parentId)) {
    const parent = context.getRecord(record.parentId)
    const container = parent?.typeName === 'page' || (parent?.typeName === 'shape' && CONTAINER_TYPES.has(parent.type))
    if (!container) return 'the parent must be a page or a cluster, frame or group on the board'
  }
  return null
}

/**
 * Where an asset's picture may come from: a small inline image, or an image uploaded to THIS
 * board — a URL that the upload's own record (`asset:<uploadId>`, written only by the server,
 * in this board's document) holds. So another board's upload, an upload that does not exist and
 * any outside address are refused, and the document alone decides it, on every instance.
 */
function checkAssetUrls(
  record: TLRecord,
  context: Pick<PolicyContext, 'getRecord' | 'trustedUploads' | 'writtenBySameUpdate'>,
): Verdict {
  const props = (record as unknown as { props: Record<string, unknown> }).props
  for (const field of ASSET_URL_FIELDS) {
    const value = props[field]
    if (value === undefined || value === null || value === '') continue
    if (typeof value !== 'string') return `asset ${field} must be a URL`
    const upload = parseBoardAssetUrl(value)
    if (upload) {
      const ownId = uploadRecordId(upload.uploadId)
      if (record.id === ownId) {
        if (context.trustedUploads?.has(ownId)) continue
        return "an upload's record is written by the server"
      }
      if (!context.getRecord) continue
      if (context.writtenBySameUpdate?.(ownId)) return `asset ${field} must be an image uploaded to this board`
      const own = context.getRecord(ownId)
      if (own?.typeName !== 'asset' || (own.props as { src?: unknown }).src !== value) {
        return `asset ${field} must be an image uploaded to this board`
      }
      continue
    }
    if (!value.startsWith('data:')) return `asset ${field} must be an image uploaded to this board or an inline image`
    const type = /^data:([^;,]*)/.exec(value)?.[1]?.toLowerCase() ?? ''
    if (!DATA_IMAGE_TYPES.has(type)) return `asset ${field} must be a PNG, JPEG, GIF, WebP or AVIF image`
    if (value.length > Limits.dataUrlBytesMax) {
      return `asset ${field} is larger than ${Limits.dataUrlBytesMax} bytes; inline images must be smaller`
    }
  }
  return null
}

/**
 * Measures a JSON value without recursion (a hostile record may nest thousands of levels):
 * "nested deeper than N levels" or "larger than N bytes" (its JSON length, estimated: strings and
 * keys exactly, other values as 5), or null when it is within both limits. Stops as soon as a
 * limit is passed.
 */
export function measureJson(value: unknown, maxDepth: number, maxBytes: number): string | null {
  let bytes = 0
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }]
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!
    if (typeof current === 'string') bytes += current.length + 2
    else if (typeof current !== 'object' || current === null) bytes += 5
    else {
      if (depth + 1 > maxDepth) return `nested deeper than ${maxDepth} levels`
      bytes += 2
      if (Array.isArray(current)) {
        for (const item of current) stack.push({ value: item, depth: depth + 1 })
      } else {
        for (const [key, item] of Object.entries(current)) {
          bytes += key.length + 4
          stack.push({ value: item, depth: depth + 1 })
        }
      }
    }
    if (bytes > maxBytes) return `larger than ${maxBytes} bytes`
  }
  return null
}
