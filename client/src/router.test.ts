import { describe, expect, it } from 'vitest'
import { matchRoute } from './router.ts'

describe('matchRoute', () => {
  it('recognises board links and falls back to the start page', () => {
    expect(matchRoute('/b/abc123')).toEqual({ name: 'board', boardId: 'abc123' })
    expect(matchRoute('/b/abc%20x/')).toEqual({ name: 'board', boardId: 'abc x' })
    expect(matchRoute('/')).toEqual({ name: 'start' })
    expect(matchRoute('/b/')).toEqual({ name: 'start' })
    expect(matchRoute('/elsewhere')).toEqual({ name: 'start' })
  })
})
