import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import type { SerializedSchema } from '@tldraw/store'
import { validateRecord } from '../sync/recordPolicy.ts'

export type ImportedRecords = { ok: true; records: TLRecord[] } | { ok: false; reason: string }

/**
 * Brings an exported board's records to the current schema and checks every one of them, so an
 * import either creates a complete, valid board or nothing at all.
 */
export function prepareImportedRecords(
  schema: TLSchema,
  exportedSchema: unknown,
  records: readonly unknown[],
): ImportedRecords {
  const byId: Record<string, TLRecord> = {}
  for (const record of records) {
    const id = (record as { id?: unknown }).id
    if (typeof id !== 'string') return { ok: false, reason: 'a record has no id' }
    byId[id] = record as TLRecord
  }
  const migrated = schema.migrateStoreSnapshot({ store: byId as never, schema: exportedSchema as SerializedSchema })
  if (migrated.type === 'error')
    return { ok: false, reason: `the board's schema cannot be migrated (${migrated.reason})` }
  const result = Object.values(migrated.value as Record<string, TLRecord>)
  for (const record of result) {
    const problem = validateRecord(record.id, record, undefined, schema)
    if (problem) return { ok: false, reason: `record ${record.id}: ${problem}` }
  }
  if (!result.some((r) => r.typeName === 'document')) return { ok: false, reason: 'the export has no document record' }
  if (!result.some((r) => r.typeName === 'page')) return { ok: false, reason: 'the export has no page' }
  return { ok: true, records: result }
}
