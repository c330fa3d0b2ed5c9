import { gunzipSync, gzipSync } from 'node:zlib'
import { z } from 'zod'
import type { BoardContent } from './boardContent.ts'

/**
 * How a version's content is stored: gzip-compressed JSON of `BoardContent` (records, other
 * root maps, the schema they conform to), not an encoded Yjs state. Why:
 * - A restore is value-level anyway: applying an old Yjs state to the live document changes
 *   nothing (Yjs merges, it never goes back), so restore diffs records and map entries and
 *   writes the difference. An encoded state would first have to be loaded into a Y.Doc just to
 *   be read as JSON again.
 * - The schema travels with the records, so a version saved before a server upgrade is migrated
 *   like an imported board when it is restored or previewed.
 * - Previews and the export read it without Yjs; an operator can read it with zcat and jq.
 * - gzip keeps a 500-card board at a few dozen KB (JSON of cards compresses ~8×), which matters
 *   for SQLite on a laptop; PostgreSQL would compress text itself, SQLite does not.
 */
export const VERSION_STATE_FORMAT = 1

const StoredContent = z.object({
  v: z.literal(VERSION_STATE_FORMAT),
  schema: z.unknown(),
  records: z.array(z.looseObject({ id: z.string().min(1), typeName: z.string().min(1) })),
  maps: z.record(z.string(), z.record(z.string(), z.unknown())),
})

export function encodeVersionState(content: BoardContent): Uint8Array {
  const json = JSON.stringify({ v: VERSION_STATE_FORMAT, ...content })
  return new Uint8Array(gzipSync(json))
}

/** Throws when the stored bytes are not a version state this server understands. */
export function decodeVersionState(bytes: Uint8Array): BoardContent {
  const parsed = StoredContent.parse(JSON.parse(gunzipSync(bytes).toString('utf8')))
  return { schema: parsed.schema, records: parsed.records as never, maps: parsed.maps }
}
