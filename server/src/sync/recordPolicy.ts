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

/**
 * Decides whether one record change written by a client may stand. Pure: no document, no
 * socket. Refused changes are reverted by the room with a compensating server transaction.
 */
export function reviewRecordChange(actor: Actor, change: RecordChange, schema: TLSchema): Verdict {
  if (actor.role === 'projector') return 'read-only access'
  const { id, before, after } = change
  if (after === undefined) {
    if (PROTECTED_IDS.has(id)) return 'the document record cannot be deleted'
    return null
  }
  const invalid = validateRecord(id, after, before, schema)
  if (invalid) return invalid
  if (after.typeName === 'shape' && after.type === IDEA_CARD_TYPE) {
    const props = after.props as { authorId?: unknown }
    const beforeProps = before?.typeName === 'shape' ? (before.props as { authorId?: unknown }) : undefined
    if (!beforeProps && props.authorId !== actor.userId) return 'a new idea card must carry its author'
    if (beforeProps && beforeProps.authorId !== props.authorId) return 'the author of a card cannot change'
  }
  return null
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
