import { beforeEach, describe, expect, it } from 'vitest'
import { tokenKey, withOfflineFallback } from './offlineFallback.ts'

describe('withOfflineFallback', () => {
  beforeEach(() => localStorage.clear())

  it('keeps the last answer and returns it when the network fails', async () => {
    expect(await withOfflineFallback('me', async () => ({ name: 'Ada' }))).toEqual({ name: 'Ada' })
    const offline = () => Promise.reject(new TypeError('Failed to fetch'))
    expect(await withOfflineFallback('me', offline)).toEqual({ name: 'Ada' })
  })

  it('never hides an answer of the server, and fails without a cached copy', async () => {
    await withOfflineFallback('me', async () => ({ name: 'Ada' }))
    const refused = () => Promise.reject(new Error('invalid token'))
    await expect(withOfflineFallback('me', refused)).rejects.toThrow('invalid token')
    await expect(withOfflineFallback('other', () => Promise.reject(new TypeError('offline')))).rejects.toThrow(
      'offline',
    )
  })

  it('token keys are short, stable and distinct', () => {
    expect(tokenKey('abc')).toBe(tokenKey('abc'))
    expect(tokenKey('abc')).not.toBe(tokenKey('abd'))
    expect(tokenKey('x'.repeat(64))).toHaveLength(8)
  })
})
