import { type BoardComment, BoardCommentSchema } from '@pinnwand/shared'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import type { SerializedSchema } from '@tldraw/store'
import { checkRecordLimits, validateRecord } from '../sync/recordPolicy.ts'

export type ImportedRecords = { ok: true; records: TLRecord[] } | { ok: false; reason: string }

/**
 * Brings an exported board's records to the current schema and checks every one of them, so an
 * import either creates a complete, valid board or nothing at all. `limits`: the record limits
 * every write path applies (recordPolicy.ts); a restore of the board's own version skips them,
 * since it brings back what the board already held.
 */
export function prepareImportedRecords(
  schema: TLSchema,
  exportedSchema: unknown,
  records: readonly unknown[],
  { limits = true, trustedUploads }: { limits?: boolean; trustedUploads?: ReadonlySet<string> } = {},
): ImportedRecords {
  // No prototype: an id such as `__proto__` is a key like any other (and then refused below).
  const byId: Record<string, TLRecord> = Object.create(null) as Record<string, TLRecord>
  for (const record of records) {
    // Person records are not board content (decision 33); older exports and versions hold
    // tldraw's `user:` records of everyone who was on the board: they stay behind.
    if ((record as { typeName?: unknown } | null)?.typeName === 'user') continue
    const id = (record as { id?: unknown } | null)?.id
    if (typeof id !== 'string') return { ok: false, reason: 'a record has no id' }
    if (!/^[a-z_]+:/i.test(id))
      return { ok: false, reason: `record id ${JSON.stringify(id.slice(0, 60))} is not a record id` }
    if (Object.hasOwn(byId, id)) return { ok: false, reason: `record ${id} appears twice` }
    if (limits) {
      // Before migration and validation, which walk records recursively.
      const beyond = checkRecordLimits(record as TLRecord, undefined, { trustedUploads })
      if (beyond) return { ok: false, reason: `record ${id}: ${beyond}` }
    }
    byId[id] = record as TLRecord
  }
  const migrated = schema.migrateStoreSnapshot({ store: byId as never, schema: exportedSchema as SerializedSchema })
  if (migrated.type === 'error')
    return { ok: false, reason: `the board's schema cannot be migrated (${migrated.reason})` }
  const result = Object.values(migrated.value as Record<string, TLRecord>)
  const imported = new Map(result.map((record) => [record.id as string, record]))
  for (const record of result) {
    const problem =
      validateRecord(record.id, record, undefined, schema) ??
      (limits ? checkRecordLimits(record, undefined, { getRecord: (id) => imported.get(id), trustedUploads }) : null)
    if (problem) return { ok: false, reason: `record ${record.id}: ${problem}` }
  }
  if (!result.some((r) => r.typeName === 'document')) return { ok: false, reason: 'the export has no document record' }
  if (!result.some((r) => r.typeName === 'page')) return { ok: false, reason: 'the export has no page' }
  return { ok: true, records: result }
}

export type ImportedComments = { ok: true; comments: BoardComment[] } | { ok: false; reason: string }

/**
 * Checks an export's comments (`document.comments`, absent in older exports) with the same
 * schema the room applies to clients, so an import restores every comment or creates nothing.
 */
export function prepareImportedComments(comments: readonly unknown[] | undefined): ImportedComments {
  const result: BoardComment[] = []
  const ids = new Set<string>()
  for (const [index, value] of (comments ?? []).entries()) {
    const parsed = BoardCommentSchema.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return {
        ok: false,
        reason: `comment ${index + 1}: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`,
      }
    }
    if (ids.has(parsed.data.id)) return { ok: false, reason: `comment ${parsed.data.id} appears twice` }
    ids.add(parsed.data.id)
    result.push(parsed.data)
  }
  return { ok: true, comments: result }
}
