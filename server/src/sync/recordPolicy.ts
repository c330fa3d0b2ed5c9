import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { IDEA_CARD_TYPE } from '@pinnwand/shared'
import type { Actor } from '../auth/Actor.ts'

export interface RecordChange {
  id: string
  before: TLRecord | undefined
  after: TLRecord | undefined
}

/** Why a change is refused, or null when it may stand. */
export type Verdict = string | null

const PROTECTED_IDS = new Set(['document:document'])

/** Server-owned state of the board that the rules depend on. */
export interface PolicyContext {
  /** Locked by the facilitator, or a voting round is open: participants change nothing. */
  locked: boolean
}

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

/**
 * Decides whether one record change written by a client may stand. Pure: no document, no
 * socket. Refused changes are reverted by the room with a compensating server transaction.
 *
 * Roles (ENGINEERING §2.3): the facilitator may do everything valid; a participant creates
 * cards and drawings as themself, moves any idea card, and edits or deletes only their own
 * shapes; pages and the document belong to the facilitator; the projector changes nothing.
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
    const invalid = validateRecord(id, after, before, schema)
    if (invalid) return invalid
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
  if (context.locked) return 'the board is locked'
  const record = after ?? before
  if (!record) return null
  if (record.typeName === 'binding') return null
  // tldraw 5 keeps a `user:` record per author for attribution names; the client names it
  // after the participant id, and nobody may write anyone else's.
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
