import { describe, expect, it } from 'vitest'
import { RelaySeal, relaySecret } from './relaySeal.ts'

describe('RelaySeal', () => {
  it('opens what the same secret sealed, and nothing else', () => {
    const body = new Uint8Array([1, 2, 3, 4])
    const sealed = new RelaySeal('s3cret').seal(body)
    expect([...new RelaySeal('s3cret').open(sealed)!]).toEqual([...body])
    expect(new RelaySeal('other').open(sealed)).toBeNull()
    const flipped = Buffer.from(sealed)
    flipped[flipped.length - 1]! ^= 1
    expect(new RelaySeal('s3cret').open(flipped)).toBeNull()
    expect(new RelaySeal('s3cret').open(body)).toBeNull()
    expect(new RelaySeal('s3cret').open(sealed.subarray(0, 32))).toBeNull()
  })

  it('derives the same secret for one database reached through different hosts', () => {
    const a = relaySecret({ databaseUrl: 'postgres://app:pw@db-1:5432/pinnwand' })
    expect(relaySecret({ databaseUrl: 'postgres://app:pw@pgbouncer:6432/pinnwand' })).toBe(a)
    expect(relaySecret({ databaseUrl: 'postgres://app:other@db-1:5432/pinnwand' })).not.toBe(a)
    expect(relaySecret({ relaySecret: 'x', databaseUrl: 'postgres://app:pw@db-1/pinnwand' })).toBe('x')
  })
})
