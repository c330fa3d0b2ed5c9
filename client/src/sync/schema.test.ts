import { getBoardSchema } from '@pinnwand/shared/boardSchema'
import { describe, expect, it } from 'vitest'
import { createBoardStore } from './createBoardStore.ts'

describe('board store schema', () => {
  it('serializes exactly like the server schema, so client and server agree on every record', () => {
    const store = createBoardStore()
    expect(store.schema.serialize()).toEqual(getBoardSchema().serialize())
  })
})

describe('board store person records', () => {
  it('gives tldraw no current user, so it writes no `user:` record into the shared document', () => {
    // Even with tldraw's own preferences holding an id and a name (its fallback user store).
    localStorage.setItem('TLDRAW_USER_DATA_v3', JSON.stringify({ version: 3, user: { id: 'prefs-id', name: 'Ada' } }))
    const store = createBoardStore()
    expect(store.props.users.currentUser.get()).toBeNull()
    expect(store.allRecords().filter((record) => record.typeName === 'user')).toEqual([])
    localStorage.removeItem('TLDRAW_USER_DATA_v3')
  })
})
