import { describe, expect, it } from 'vitest'
import { resolveBoardToken } from './boardToken.ts'
import type { KeyValueStorage } from './deviceStorage.ts'
import { createIdentityStore } from './identityStore.ts'

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  }
}

describe('identityStore', () => {
  it('keeps one participant identity per workshop', () => {
    const store = createIdentityStore(memoryStorage())
    store.saveParticipant('ws_a', { participantId: 'p_1', participantToken: 't1', name: 'Ada' })
    store.saveParticipant('ws_b', { participantId: 'p_2', participantToken: 't2', name: 'Ada' })
    expect(store.participant('ws_a')?.participantId).toBe('p_1')
    expect(store.participant('ws_b')?.participantToken).toBe('t2')
    expect(store.participant('ws_c')).toBeNull()
    store.forgetParticipant('ws_a')
    expect(store.participant('ws_a')).toBeNull()
    expect(store.participant('ws_b')).not.toBeNull()
  })

  it('ignores damaged entries instead of failing', () => {
    const storage = memoryStorage()
    const store = createIdentityStore(storage)
    storage.setItem('pinnwand-participant:ws_a', '{not json')
    storage.setItem('pinnwand-participant:ws_b', JSON.stringify({ participantId: 1 }))
    expect(store.participant('ws_a')).toBeNull()
    expect(store.participant('ws_b')).toBeNull()
  })

  it('remembers the display name and facilitator tokens per workshop', () => {
    const store = createIdentityStore(memoryStorage())
    expect(store.displayName()).toBe('')
    store.saveDisplayName('Grace')
    expect(store.displayName()).toBe('Grace')
    store.saveFacilitatorToken('ws_a', 'fac')
    expect(store.facilitatorToken('ws_a')).toBe('fac')
    expect(store.facilitatorToken('ws_b')).toBeNull()
  })
})

describe('resolveBoardToken', () => {
  it('prefers the link, then this tab, then the participant identity of the board’s workshop', () => {
    const tab = memoryStorage()
    const identities = createIdentityStore(memoryStorage())
    const board = new URL('http://h/b/b_1')
    expect(resolveBoardToken('b_1', board, tab, identities)).toBeNull()

    identities.saveParticipant('ws_a', { participantId: 'p_1', participantToken: 'participant', name: 'Ada' })
    identities.rememberBoard('b_1', 'ws_a')
    expect(resolveBoardToken('b_1', board, tab, identities)).toBe('participant')

    expect(resolveBoardToken('b_1', new URL('http://h/b/b_1?token=link'), tab, identities)).toBe('link')
    // Remembered for this tab: a reload after the token left the address still works.
    expect(resolveBoardToken('b_1', board, tab, identities)).toBe('link')
  })
})
