import { describe, expect, it } from 'vitest'
import { ConcurrentDeleteGuard, DELETE_MEMORY_MS } from './ConcurrentDeleteGuard.ts'

describe('ConcurrentDeleteGuard', () => {
  it('remembers who deleted a record, until it exists again or the memory runs out', () => {
    let now = 1_000_000
    const guard = new ConcurrentDeleteGuard(() => now)
    guard.noteDeleted('shape:a', 'ada')
    guard.noteDeleted('shape:b', 'ada')
    expect(guard.deletedByOtherThan('shape:a', 'bob')).toBe(true)
    expect(guard.deletedByOtherThan('shape:a', 'ada')).toBe(false)
    guard.forget('shape:a')
    expect(guard.deletedByOtherThan('shape:a', 'bob')).toBe(false)
    now += DELETE_MEMORY_MS - 1
    expect(guard.deletedByOtherThan('shape:b', 'bob')).toBe(true)
    now += 1
    guard.prune()
    expect(guard.deletedByOtherThan('shape:b', 'bob')).toBe(false)
  })
})
