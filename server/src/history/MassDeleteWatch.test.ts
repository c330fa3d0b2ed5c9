import type { TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { MASS_DELETE_WINDOW_MS, MassDeleteWatch } from './MassDeleteWatch.ts'

const card = (i: number) => ({ id: `shape:c${i}`, typeName: 'shape', type: 'idea-card' }) as unknown as TLRecord
const drawing = (i: number) => ({ id: `shape:d${i}`, typeName: 'shape', type: 'draw' }) as unknown as TLRecord

describe('MassDeleteWatch', () => {
  it('reports ten or more idea cards deleted within one tick, with who deleted them', () => {
    const watch = new MassDeleteWatch(10)
    for (let i = 0; i < 10; i++) watch.noteDelete(card(i), i % 2 ? 'Ada' : 'Bo')
    const result = watch.take(() => false)
    expect(result?.deleted.map((r) => r.id)).toHaveLength(10)
    expect(result?.by.sort()).toEqual(['Ada', 'Bo'])
    // Forgotten after the tick.
    expect(watch.take(() => false)).toBeNull()
  })

  it('ignores fewer cards, other shapes, and deletes that did not stand', () => {
    const watch = new MassDeleteWatch(10)
    for (let i = 0; i < 9; i++) watch.noteDelete(card(i), 'Ada')
    for (let i = 0; i < 20; i++) watch.noteDelete(drawing(i), 'Ada')
    watch.noteDelete(undefined, 'Ada')
    expect(watch.take(() => false)).toBeNull()

    for (let i = 0; i < 15; i++) watch.noteDelete(card(i), 'Bo')
    // Refused deletes were put back by the room: only 5 are really gone.
    expect(watch.take((id) => Number(id.slice('shape:c'.length)) < 10)).toBeNull()
  })

  it('adds up one person’s deletes over several ticks within the window, and forgets older ones', () => {
    let now = 0
    const watch = new MassDeleteWatch(10, () => now)
    for (let tick = 0; tick < 4; tick++) {
      for (let i = 0; i < 3; i++) watch.noteDelete(card(tick * 3 + i), 'Ada')
      watch.noteDelete(card(100 + tick), 'Bo') // someone else, one card a tick
      now += 2_000
      if (tick < 3) expect(watch.take(() => false)).toBeNull()
      else {
        const result = watch.take(() => false)
        expect(result?.deleted).toHaveLength(12)
        expect(result?.by).toEqual(['Ada'])
      }
    }
    // Bo's four stay until they age out; nine more of his after the window do not add up.
    now += MASS_DELETE_WINDOW_MS
    for (let i = 0; i < 9; i++) watch.noteDelete(card(200 + i), 'Bo')
    expect(watch.take(() => false)).toBeNull()
  })
})
