/**
 * Removing one participant's name from board content (live document records, comments, history
 * versions): every object written by them (`authorId` is their id) gets `author` = the
 * replacement. Content is otherwise untouched: the ideas stay, only who wrote them goes.
 */

interface Authored {
  authorId?: unknown
  author?: unknown
}

/** The object with its author replaced, or null when it is not the participant's. */
export function withoutName<T>(value: T, participantId: string, replacement: string): T | null {
  if (!value || typeof value !== 'object') return null
  const record = value as Authored & { props?: Authored }
  if (record.authorId === participantId && typeof record.author === 'string' && record.author !== replacement) {
    return { ...value, author: replacement }
  }
  const props = record.props
  if (props && props.authorId === participantId && typeof props.author === 'string' && props.author !== replacement) {
    return { ...value, props: { ...props, author: replacement } }
  }
  return null
}

/** A history version's content (records and root maps as JSON), with the name replaced. */
export function contentWithoutName<C extends { records: unknown[]; maps: Record<string, Record<string, unknown>> }>(
  content: C,
  participantId: string,
  replacement: string,
): { content: C; changed: number } {
  let changed = 0
  const swap = <T>(value: T): T => {
    const replaced = withoutName(value, participantId, replacement)
    if (replaced === null) return value
    changed++
    return replaced
  }
  const records = content.records.map(swap)
  const maps = Object.fromEntries(
    Object.entries(content.maps).map(([name, entries]) => [
      name,
      Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, swap(value)])),
    ]),
  )
  return { content: { ...content, records, maps }, changed }
}

/** "Ada, Bob" with Ada removed → "Teilnehmende/r, Bob" (who caused a history version). */
export function namesWithout(names: string | null, name: string, replacement: string): string | null {
  if (names === null) return null
  return names
    .split(', ')
    .map((n) => (n === name ? replacement : n))
    .join(', ')
}
