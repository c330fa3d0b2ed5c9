import { describe, expect, it } from 'vitest'
import { jitteredDelay } from './jitteredBackoff.ts'

describe('jitteredDelay', () => {
  it('stays between half and all of the exponential ceiling', () => {
    expect(jitteredDelay(0, () => 0)).toBe(100)
    expect(jitteredDelay(0, () => 1)).toBe(200)
    expect(jitteredDelay(3, () => 0)).toBe(800)
    expect(jitteredDelay(3, () => 1)).toBe(1600)
  })

  it('is capped at 10 seconds', () => {
    expect(jitteredDelay(20, () => 1)).toBe(10_000)
    expect(jitteredDelay(20, () => 0)).toBe(5_000)
  })

  it('spreads many clients over the window instead of one instant', () => {
    const delays = new Set(Array.from({ length: 500 }, () => jitteredDelay(5)))
    expect(delays.size).toBeGreaterThan(300)
  })
})
