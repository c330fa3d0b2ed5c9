/**
 * Undo that only undoes your own changes. tldraw's history holds whole-record diffs
 * [yours-after, before]; replaying them blindly on a shared board would silently overwrite
 * what others did to the same records since (their text, their move, their deletion). This
 * merges field by field: a field goes back only where it still holds the value your change
 * gave it; anything someone else changed since stays as it is.
 */

type Rec = { id: string } & Record<string, unknown>

export interface RecordsDiffLike<R extends Rec> {
  added: Record<string, R>
  updated: Record<string, [R, R]>
  removed: Record<string, R>
}

export interface MergedUndo<R extends Rec> {
  diff: RecordsDiffLike<R>
  /** How many fields or records were left alone because someone else changed them since. */
  kept: number
}

/** Fields compared key by key, because different people change different parts of them. */
const NESTED = new Set(['props', 'meta'])

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  return ka.every(
    (key) =>
      Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  )
}

function mergeFields(
  current: Record<string, unknown>,
  expected: Record<string, unknown>,
  target: Record<string, unknown>,
  counter: { kept: number },
  nested: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current }
  for (const key of new Set([...Object.keys(expected), ...Object.keys(target)])) {
    const mine = expected[key]
    const want = target[key]
    if (deepEqual(mine, want)) continue // the step did not touch this field
    const now = current[key]
    if (
      nested &&
      NESTED.has(key) &&
      typeof now === 'object' &&
      now &&
      typeof mine === 'object' &&
      mine &&
      typeof want === 'object' &&
      want
    ) {
      out[key] = mergeFields(
        now as Record<string, unknown>,
        mine as Record<string, unknown>,
        want as Record<string, unknown>,
        counter,
        false,
      )
      continue
    }
    if (deepEqual(now, mine)) {
      if (want === undefined) delete out[key]
      else out[key] = want
    } else counter.kept++
  }
  return out
}

/**
 * Rewrites an undo (or redo) diff against the current records. `diff.updated[id]` is
 * [expected current, target]; `removed` undoes a creation, `added` undoes a deletion.
 */
export function mergeUndoDiff<R extends Rec>(
  diff: RecordsDiffLike<R>,
  current: (id: string) => R | undefined,
  /** Records others can change (the shared document); the rest (camera, selection) replays as is. */
  isShared: (record: R) => boolean = () => true,
): MergedUndo<R> {
  const counter = { kept: 0 }
  const out: RecordsDiffLike<R> = { added: {}, updated: {}, removed: {} }

  for (const [id, record] of Object.entries(diff.added)) {
    if (!isShared(record)) {
      out.added[id] = record
      continue
    }
    // Bringing back what you deleted — unless it exists again already.
    if (current(id)) counter.kept++
    else out.added[id] = record
  }
  for (const [id, [expected, target]] of Object.entries(diff.updated)) {
    if (!isShared(target)) {
      out.updated[id] = [expected, target]
      continue
    }
    const now = current(id)
    if (!now) {
      counter.kept++ // someone deleted it since: don't resurrect it by undoing a move
      continue
    }
    const merged = mergeFields(now, expected, target, counter, true) as R
    if (!deepEqual(merged, now)) out.updated[id] = [now, merged]
  }
  for (const [id, record] of Object.entries(diff.removed)) {
    if (!isShared(record)) {
      out.removed[id] = record
      continue
    }
    const now = current(id)
    if (!now) continue
    // Removing what you created — unless someone has worked on it since.
    if (deepEqual(now, record)) out.removed[id] = now
    else counter.kept++
  }
  return { diff: out, kept: counter.kept }
}
