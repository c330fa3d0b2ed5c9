import type { BoardViewSection } from '@pinnwand/shared/boardState'
import { describe, expect, it } from 'vitest'
import {
  decideView,
  type FollowMemory,
  initialFollowMemory,
  isFollowing,
  isLeavingInteraction,
  leaveFollowing,
  rejoinFollowing,
  type SharedViews,
} from './followRules.ts'

const view = (since: number, at = since, userId = 'f_1'): BoardViewSection => ({
  userId,
  name: 'Moderation',
  at,
  since,
  pageId: 'page:page',
  viewport: { x: 0, y: 0, w: 100, h: 100 },
})
const participant = { userId: 'p_1', role: 'participant' }

/** Feeds a sequence of board states, returning each command kind. */
function run(states: SharedViews[], viewer = participant, start: FollowMemory = initialFollowMemory) {
  let memory = start
  return states.map((views) => {
    const result = decideView(views, viewer, memory)
    memory = result.memory
    return result.command.kind
  })
}

describe('follow and bring-everyone rules', () => {
  it('jumps once for a summon that arrives while here, never for one from before', () => {
    expect(run([{ summon: view(1) }, { summon: view(1) }, { summon: view(2) }, { summon: view(2) }])).toEqual([
      'none',
      'none',
      'jump',
      'none',
    ])
  })

  it('follows while "follow me" is on, also when joining late, and every move of it', () => {
    expect(run([{ follow: view(5) }, { follow: view(5, 6) }, { follow: null }])).toEqual(['follow', 'follow', 'none'])
  })

  it('stops following after an interaction, until the facilitator starts a new "follow me" or the person rejoins', () => {
    let memory = decideView({ follow: view(5) }, participant, initialFollowMemory).memory
    memory = leaveFollowing({ follow: view(5) }, memory)
    expect(isFollowing({ follow: view(5, 9) }, participant, memory)).toBe(false)
    expect(decideView({ follow: view(5, 9) }, participant, memory).command.kind).toBe('none')
    // The chip's "follow again".
    expect(isFollowing({ follow: view(5, 9) }, participant, rejoinFollowing(memory))).toBe(true)
    // A new "follow me" catches everyone again.
    expect(decideView({ follow: view(20) }, participant, memory).command.kind).toBe('follow')
  })

  it('never moves the facilitator who shared the view', () => {
    const self = { userId: 'f_1', role: 'facilitator' }
    expect(run([{}, { summon: view(2), follow: view(3) }], self)).toEqual(['none', 'none'])
  })

  it('lets the projector follow but not be summoned away from the whole board', () => {
    const projector = { userId: 'v_1', role: 'projector' }
    expect(run([{}, { summon: view(2) }, { follow: view(3) }], projector)).toEqual(['none', 'none', 'follow'])
  })

  it('counts wheel, pinch and drag as leaving, a tap not', () => {
    expect(isLeavingInteraction({ type: 'wheel', name: 'wheel' }, false)).toBe(true)
    expect(isLeavingInteraction({ type: 'pinch', name: 'pinch_start' }, false)).toBe(true)
    expect(isLeavingInteraction({ type: 'pointer', name: 'pointer_move' }, true)).toBe(true)
    expect(isLeavingInteraction({ type: 'pointer', name: 'pointer_move' }, false)).toBe(false)
    expect(isLeavingInteraction({ type: 'pointer', name: 'pointer_down' }, false)).toBe(false)
    expect(isLeavingInteraction({ type: 'pointer', name: 'pointer_up' }, false)).toBe(false)
  })
})
