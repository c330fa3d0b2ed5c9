import { describe, expect, it } from 'vitest'
import { ManualClock } from './ManualClock.ts'

describe('ManualClock', () => {
  it('runs what falls due, in time order, each at its own moment', async () => {
    const clock = new ManualClock()
    const start = clock.now()
    const ran: [string, number][] = []
    clock.setTimeout(() => ran.push(['late', clock.now() - start]), 300)
    clock.setTimeout(() => ran.push(['early', clock.now() - start]), 100)
    clock.setTimeout(() => ran.push(['also early', clock.now() - start]), 100)
    await clock.advance(99)
    expect(ran).toEqual([])
    await clock.advance(201)
    expect(ran).toEqual([
      ['early', 100],
      ['also early', 100],
      ['late', 300],
    ])
    expect(clock.monotonic()).toBe(300)
  })

  it('runs a timer set by a timer when it falls due within the same advance, and not a cancelled one', async () => {
    const clock = new ManualClock()
    const ran: string[] = []
    clock.setTimeout(() => {
      ran.push('first')
      clock.setTimeout(() => ran.push('chained'), 50)
    }, 50)
    const cancelled = clock.setTimeout(() => ran.push('cancelled'), 60)
    clock.clearTimeout(cancelled)
    await clock.advance(100)
    expect(ran).toEqual(['first', 'chained'])
    expect(clock.pending).toBe(0)
  })

  it('settles promise chains a timer starts before the next one runs', async () => {
    const clock = new ManualClock()
    const ran: string[] = []
    clock.setTimeout(() => {
      void Promise.resolve()
        .then(() => undefined)
        .then(() => ran.push('awaited'))
    }, 10)
    clock.setTimeout(() => ran.push('next'), 20)
    await clock.advance(20)
    expect(ran).toEqual(['awaited', 'next'])
  })
})
