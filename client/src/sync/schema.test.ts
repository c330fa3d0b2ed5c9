import { getBoardSchema } from '@pinnwand/shared/boardSchema'
import { describe, expect, it } from 'vitest'
import { createBoardStore } from './createBoardStore.ts'

describe('board store schema', () => {
  it('serializes exactly like the server schema, so client and server agree on every record', () => {
    const store = createBoardStore()
    expect(store.schema.serialize()).toEqual(getBoardSchema().serialize())
  })
})
