import { getCommentsMap, readComments } from '@pinnwand/shared/commentDocument'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Me } from '../api/apiClient.ts'
import { addComment, canComment, canDeleteComment, deleteComment } from './commentActions.ts'

const me = (role: Me['role'], userId: string, name: string): Me => ({
  role,
  userId,
  name,
  workshopId: 'w',
  boardIds: [],
})
const ada = me('participant', 'p_ada', 'Ada')
const bob = me('participant', 'p_bob', 'Bob')
const facilitator = me('facilitator', 'f_1', 'Moderation')
const projector = me('projector', 'x_1', 'Beamer')

describe('comment actions in the web app', () => {
  it('writes a trimmed comment in my own name into the comments map, and deletes it', () => {
    const doc = new Y.Doc()
    const comment = addComment(doc, ada, 'shape:a', '  Gute Idee  ')
    expect(readComments(doc)).toEqual([comment])
    expect(comment).toMatchObject({ ideaId: 'shape:a', authorId: 'p_ada', author: 'Ada', text: 'Gute Idee' })
    deleteComment(doc, comment.id)
    expect(getCommentsMap(doc).size).toBe(0)
  })

  it('offers only what the server would allow (same rules as commentPolicy)', () => {
    const doc = new Y.Doc()
    const adas = addComment(doc, ada, 'shape:a', 'von Ada')
    expect(canComment(ada, false)).toBe(true)
    expect(canComment(ada, true)).toBe(false)
    expect(canComment(facilitator, true)).toBe(true)
    expect(canComment(projector, false)).toBe(false)
    expect(canDeleteComment(ada, adas, false)).toBe(true)
    expect(canDeleteComment(ada, adas, true)).toBe(false)
    expect(canDeleteComment(bob, adas, false)).toBe(false)
    expect(canDeleteComment(facilitator, adas, true)).toBe(true)
    expect(canDeleteComment(projector, adas, false)).toBe(false)
  })
})
