import { describe, expect, it } from 'vitest'
import { copyRecordsSafely } from './safeRecords.ts'

function nested(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  let current = root
  for (let i = 1; i < levels; i++) {
    const next: Record<string, unknown> = {}
    current.a = next
    current = next
  }
  return root
}

describe('copyRecordsSafely', () => {
  it('copies good records, empties a too-deep meta, leaves out what is too deep elsewhere', () => {
    const good = { id: 'shape:good', typeName: 'shape', meta: { createdBy: 'p_1' }, props: { text: 'x' } }
    const deepMeta = { id: 'shape:meta', typeName: 'shape', meta: nested(3000), props: { text: 'y' } }
    const deepProps = { id: 'shape:props', typeName: 'shape', meta: {}, props: { richText: nested(3000) } }
    const result = copyRecordsSafely([good, deepMeta, deepProps, null, 'text'])
    expect(result.records).toEqual([good, { ...deepMeta, meta: {} }])
    expect(result.records[0]).not.toBe(good)
    expect(result.metaCleared).toEqual(['shape:meta'])
    expect(result.omitted).toEqual(['shape:props', '?', '?'])
    // The copies can be serialised (the originals overflow JSON.stringify's stack).
    expect(() => JSON.stringify(result.records)).not.toThrow()
  })

  it('keeps records at the limit of the write rules', () => {
    const atLimit = { id: 'shape:ok', typeName: 'shape', meta: nested(32), props: nested(32) }
    expect(copyRecordsSafely([atLimit]).records).toHaveLength(1)
  })
})
