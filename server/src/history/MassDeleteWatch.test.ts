import type { TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { MassDeleteWatch } from './MassDeleteWatch.ts'

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
})
