import { describe, expect, it } from 'vitest'
import { matchRoute, navigate, paths } from './router.ts'

describe('matchRoute', () => {
  it('recognises board links and falls back to the start page', () => {
    expect(matchRoute('/b/abc123')).toEqual({ name: 'board', boardId: 'abc123' })
    expect(matchRoute('/b/abc%20x/')).toEqual({ name: 'board', boardId: 'abc x' })
    expect(matchRoute('/')).toEqual({ name: 'start' })
    expect(matchRoute('/b/')).toEqual({ name: 'start' })
    expect(matchRoute('/elsewhere')).toEqual({ name: 'start' })
  })

  it('recognises the dashboard, the join sheet and the projector entry of a workshop', () => {
    expect(matchRoute('/w/ws_1')).toEqual({ name: 'dashboard', workshopId: 'ws_1' })
    expect(matchRoute('/w/ws_1/')).toEqual({ name: 'dashboard', workshopId: 'ws_1' })
    expect(matchRoute('/w/ws_1/print')).toEqual({ name: 'joinSheet', workshopId: 'ws_1' })
    expect(matchRoute('/w/ws_1/projector')).toEqual({ name: 'projector', workshopId: 'ws_1' })
    expect(matchRoute('/w/ws_1/other')).toEqual({ name: 'start' })
  })

  it('recognises join links with and without a code', () => {
    expect(matchRoute('/join/ABCDEF')).toEqual({ name: 'join', code: 'ABCDEF' })
    expect(matchRoute('/join/abc%20def')).toEqual({ name: 'join', code: 'abc def' })
    expect(matchRoute('/join')).toEqual({ name: 'join', code: null })
    expect(matchRoute('/join/')).toEqual({ name: 'join', code: null })
  })

  it('builds paths that match back to their route', () => {
    expect(matchRoute(paths.board('b 1'))).toEqual({ name: 'board', boardId: 'b 1' })
    expect(matchRoute(paths.dashboard('ws_1'))).toEqual({ name: 'dashboard', workshopId: 'ws_1' })
    expect(matchRoute(paths.joinSheet('ws_1'))).toEqual({ name: 'joinSheet', workshopId: 'ws_1' })
    expect(paths.join('ABCDEF', 'b_1')).toBe('/join/ABCDEF?board=b_1')
  })
})

describe('navigate', () => {
  it('changes the address and tells listeners', () => {
    let told = 0
    const onPop = () => told++
    window.addEventListener('popstate', onPop)
    navigate('/w/ws_9')
    expect(location.pathname).toBe('/w/ws_9')
    navigate('/join/X', { replace: true })
    expect(location.pathname).toBe('/join/X')
    window.removeEventListener('popstate', onPop)
    expect(told).toBe(2)
  })
})
