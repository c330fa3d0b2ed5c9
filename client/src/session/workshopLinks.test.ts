import { describe, expect, it } from 'vitest'
import { workshopIdFromInput } from '../workshop/RecoverAccessForm.tsx'
import type { KeyValueStorage } from './deviceStorage.ts'
import {
  facilitatorLink,
  isLoopbackOrigin,
  publicOrigin,
  rememberCreatedWorkshop,
  takeJustCreated,
} from './workshopLinks.ts'

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>()
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  }
}

describe('workshop links', () => {
  it('uses the origin the server called public, and greets a new workshop once', () => {
    const storage = memoryStorage()
    rememberCreatedWorkshop(
      {
        workshop: { id: 'ws_1', title: 'T', joinCode: 'ABCDEF' },
        facilitatorToken: 'f',
        boards: [],
        links: { facilitator: 'x', participant: 'http://192.168.1.5:8080/join/ABCDEF', projector: 'x' },
      },
      storage,
    )
    expect(publicOrigin('ws_1', storage)).toBe('http://192.168.1.5:8080')
    expect(takeJustCreated('ws_1', storage)).toBe(true)
    expect(takeJustCreated('ws_1', storage)).toBe(false)
  })

  it('knows which origins phones in the hall cannot reach', () => {
    expect(isLoopbackOrigin('http://localhost:8080')).toBe(true)
    expect(isLoopbackOrigin('http://127.0.0.1:8080')).toBe(true)
    expect(isLoopbackOrigin('http://[::1]:8080')).toBe(true)
    expect(isLoopbackOrigin('http://192.168.1.5:8080')).toBe(false)
    expect(isLoopbackOrigin('https://pinnwand.example.org')).toBe(false)
  })

  it('builds the private dashboard link and reads a workshop id back from any workshop link', () => {
    const link = facilitatorLink('ws_1', 'tok en', 'http://h')
    expect(link).toBe('http://h/w/ws_1?token=tok%20en')
    expect(workshopIdFromInput(link)).toBe('ws_1')
    expect(workshopIdFromInput('  ws_abc  ')).toBe('ws_abc')
    expect(workshopIdFromInput('http://h/w/ws_2/print')).toBe('ws_2')
  })
})
