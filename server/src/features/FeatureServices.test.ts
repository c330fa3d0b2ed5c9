import { describe, expect, it } from 'vitest'
import { FeatureServices, HookKey, ServiceKey } from './FeatureServices.ts'

describe('FeatureServices', () => {
  const Clock = new ServiceKey<{ now(): number }>('clock')
  const Gates = new HookKey<(n: number) => number>('gates')

  it('hands out what was provided, and says which key is missing', () => {
    const services = new FeatureServices()
    expect(services.find(Clock)).toBeUndefined()
    expect(() => services.get(Clock)).toThrow(/service clock is not provided.*features\/index\.ts/)
    const clock = { now: () => 42 }
    services.provide(Clock, clock)
    expect(services.get(Clock)).toBe(clock)
  })

  it('refuses a second provider for the same key', () => {
    const services = new FeatureServices()
    services.provide(Clock, { now: () => 1 })
    expect(() => services.provide(Clock, { now: () => 2 })).toThrow(/provided twice/)
  })

  it('keeps hook contributions in the order they came (feature-list order)', () => {
    const services = new FeatureServices()
    expect(services.all(Gates)).toEqual([])
    const first = (n: number) => n + 1
    const second = (n: number) => n * 2
    services.contribute(Gates, first)
    services.contribute(Gates, second)
    expect(services.all(Gates)).toEqual([first, second])
  })
})
