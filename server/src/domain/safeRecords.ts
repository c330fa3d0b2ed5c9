import { Limits } from '@pinnwand/shared'
import { measureJson } from '../sync/recordPolicy.ts'

export interface SafeRecords {
  /** Deep copies, safe to clone, stringify and walk. */
  records: unknown[]
  /** Records left out: not objects, nested too deep outside `meta`, or not copyable. */
  omitted: string[]
  /** Records kept with their `meta` emptied because it was nested too deep. */
  metaCleared: string[]
}

/** Anything deeper than the write limit plus the record's own level is what no rule let in. */
const MAX_RECORD_DEPTH = Limits.recordNestingMax + 1

/**
 * Copies a board's records for a reader that walks them (exports, versions): one record written
 * before the record limits existed, or by a server-side path, must not fail the whole export or
 * version. Depth is measured without recursion first, since `structuredClone` and
 * `JSON.stringify` overflow the stack on a few thousand levels. A `meta` nested too deep is
 * emptied (no export shows `meta`); a record nested too deep anywhere else is left out.
 */
export function copyRecordsSafely(values: Iterable<unknown>): SafeRecords {
  const result: SafeRecords = { records: [], omitted: [], metaCleared: [] }
  for (const value of values) {
    const id = String((value as { id?: unknown } | null)?.id ?? '?')
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      result.omitted.push(id)
      continue
    }
    let record = value as Record<string, unknown>
    if (measureJson(record.meta, Limits.recordNestingMax, Infinity)) {
      record = { ...record, meta: {} }
      result.metaCleared.push(id)
    }
    if (measureJson(record, MAX_RECORD_DEPTH, Infinity)) {
      result.omitted.push(id)
      continue
    }
    try {
      result.records.push(structuredClone(record))
    } catch {
      result.omitted.push(id)
    }
  }
  return result
}
