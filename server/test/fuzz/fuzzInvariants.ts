import { type IdeaCardShape, Limits } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import { HOSTILE_MARK } from './hostileUpdates.ts'

/** What an honest card must look like: its owner and the text last written to it (or deleted). */
export interface ModelCard {
  owner: string
  text: string
  deleted: boolean
}

/** The records of one room or one client, named for the failure message. */
export interface RecordView {
  where: string
  records: YKeyValue<TLRecord>
}

/**
 * The first way in which a view breaks "no record changed except as its writer may": an honest
 * card that differs from the model, a card in an honest person's name nobody honest wrote, the
 * attacker's text in an honest card, a renamed page, an absurd record id. Null when none.
 */
export function findViolation(
  views: RecordView[],
  model: ReadonlyMap<string, ModelCard>,
  honestUsers: ReadonlySet<string>,
  pageName: string,
): string | null {
  for (const { where, records } of views) {
    for (const [id, expected] of model) {
      const actual = records.get(id)
      if (!matches(actual, expected)) {
        return `${where}: ${id} is ${JSON.stringify(summarise(actual))}, expected ${JSON.stringify(expected)}`
      }
    }
    for (const [id, entry] of records.map) {
      if (id.length > Limits.recordIdMax) return `${where}: kept a record whose id has ${id.length} characters`
      const record = entry.val as IdeaCardShape
      if (record.typeName !== 'shape') continue
      if (honestUsers.has(record.props?.authorId) && !model.has(id)) {
        return `${where}: ${id} appeared in the name of ${record.props.authorId}: ${JSON.stringify(summarise(record))}`
      }
      if (model.has(id) && String(record.props?.text).includes(HOSTILE_MARK)) {
        return `${where}: ${id} carries the attacker's text`
      }
    }
    const page = records.get('page:page') as { name: string } | undefined
    if (page && page.name !== pageName) return `${where}: page:page renamed to ${JSON.stringify(page.name)}`
  }
  return null
}

export function matches(actual: TLRecord | undefined, expected: ModelCard): boolean {
  if (expected.deleted) return actual === undefined
  const card = actual as IdeaCardShape | undefined
  return card !== undefined && card.props.text === expected.text && card.props.authorId === expected.owner
}

/** A record shortened for a failure message. */
export function summarise(record: TLRecord | undefined): unknown {
  if (!record) return 'absent'
  const card = record as IdeaCardShape
  return { text: String(card.props?.text).slice(0, 80), authorId: card.props?.authorId }
}

/** The first few keys whose records differ between two record sets, for a failure message. */
export function diffKeys(a: Record<string, unknown>, b: Record<string, unknown>): string {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  const differing = [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
  return differing
    .slice(0, 5)
    .map(
      (k) => `${k}: ${JSON.stringify(summarise(a[k] as TLRecord))} vs ${JSON.stringify(summarise(b[k] as TLRecord))}`,
    )
    .join('; ')
}
