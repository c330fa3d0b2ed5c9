import { describe, expect, it } from 'vitest'
import { presenceList } from './presenceList.ts'

const state = (id: string, name: string, role = 'participant', color = '#2f9e44') => ({
  user: { id, name, color, role },
  cursor: null,
  pageId: 'page:page',
})

describe('presenceList', () => {
  it('lists each person once, facilitator first, then by name, without projectors', () => {
    const states = new Map<number, unknown>([
      [1, state('p_z', 'Zoë')],
      [2, state('f_1', 'Moderation', 'facilitator')],
      [3, state('p_a', 'Ämi')],
      [4, state('p_a', 'Ämi')],
      [5, state('v_1', 'Beamer', 'projector')],
    ])
    const list = presenceList(states, 4)
    expect(list.map((entry) => entry.name)).toEqual(['Moderation', 'Ämi', 'Zoë'])
    expect(list.find((entry) => entry.userId === 'p_a')?.isSelf).toBe(true)
    expect(list.find((entry) => entry.userId === 'p_z')?.isSelf).toBe(false)
  })

  it('ignores malformed states and unsafe colours', () => {
    const states = new Map<number, unknown>([
      [1, null],
      [2, { user: 'x' }],
      [3, { user: { id: 7, name: 'x' } }],
      [4, state('p_1', 'A'.repeat(500), 'participant', 'red; background:url(x)')],
    ])
    const [only, ...rest] = presenceList(states, 0)
    expect(rest).toEqual([])
    expect(only?.name).toHaveLength(60)
    expect(only?.color).toBe('#1971c2')
  })
})
