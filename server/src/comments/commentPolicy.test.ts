import { buildComment, getCommentsMap, Limits } from '@pinnwand/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Actor } from '../auth/Actor.ts'
import { inspectClientUpdate } from '../sync/inspectClientUpdate.ts'
import { type CommentPolicyContext, reviewCommentChange } from './commentPolicy.ts'

const actor = (role: Actor['role'], userId: string, name: string): Actor => ({
  role,
  workshopId: 'w1',
  boardId: null,
  userId,
  name,
})
const ada = actor('participant', 'p_ada', 'Ada')
const bob = actor('participant', 'p_bob', 'Bob')
const facilitator = actor('facilitator', 'f_1', 'Moderation')
const projector = actor('projector', 'x_1', 'Beamer')

const open: CommentPolicyContext = { locked: false, ideaExists: (id) => id === 'shape:card' }
const locked: CommentPolicyContext = { ...open, locked: true }

const commentBy = (who: Actor, overrides: Record<string, unknown> = {}) => ({
  ...buildComment({ ideaId: 'shape:card', text: 'Gute Idee', author: { userId: who.userId, name: who.name } }),
  ...overrides,
})
const add = (value: { id: string }) => ({ id: value.id, before: undefined, after: value })
const remove = (value: { id: string }) => ({ id: value.id, before: value, after: undefined })

describe('reviewCommentChange', () => {
  it('lets participants and the facilitator comment in their own name', () => {
    expect(reviewCommentChange(ada, add(commentBy(ada)), open)).toBeNull()
    expect(reviewCommentChange(facilitator, add(commentBy(facilitator)), open)).toBeNull()
  })

  it('refuses forged authorship: someone else’s id or display name', () => {
    expect(reviewCommentChange(ada, add(commentBy(bob)), open)?.code).toBe('forged_author')
    expect(reviewCommentChange(ada, add(commentBy(ada, { author: 'Bob' })), open)?.code).toBe('forged_author')
    expect(reviewCommentChange(facilitator, add(commentBy(ada)), open)?.code).toBe('forged_author')
  })

  it('refuses invalid comments: blank, oversize, extra fields, id not matching its key', () => {
    const refused = [
      commentBy(ada, { text: '   ' }),
      commentBy(ada, { text: 'x'.repeat(Limits.commentTextMax + 1) }),
      commentBy(ada, { html: '<script>' }),
      commentBy(ada, { createdAt: 'yesterday' }),
    ]
    for (const value of refused) expect(reviewCommentChange(ada, add(value), open)?.code).toBe('invalid')
    const comment = commentBy(ada)
    expect(reviewCommentChange(ada, { id: 'comment:another-key', before: undefined, after: comment }, open)?.code).toBe(
      'invalid',
    )
    expect(reviewCommentChange(ada, { id: 'x', before: undefined, after: 'text' }, open)?.code).toBe('invalid')
  })

  it('refuses comments on cards that are not on the board', () => {
    expect(reviewCommentChange(ada, add(commentBy(ada, { ideaId: 'shape:gone' })), open)?.code).toBe('idea_not_found')
  })

  it('never lets a comment be edited, not even by its author or the facilitator', () => {
    const comment = commentBy(ada)
    const edit = { id: comment.id, before: comment, after: { ...comment, text: 'geändert' } }
    expect(reviewCommentChange(ada, edit, open)?.code).toBe('immutable')
    expect(reviewCommentChange(facilitator, edit, open)?.code).toBe('immutable')
  })

  it('lets participants delete only their own comments; the facilitator any', () => {
    const adas = commentBy(ada)
    expect(reviewCommentChange(ada, remove(adas), open)).toBeNull()
    expect(reviewCommentChange(bob, remove(adas), open)?.code).toBe('not_author')
    expect(reviewCommentChange(facilitator, remove(adas), open)).toBeNull()
    // Even junk someone left in the map can only go through its author or the facilitator.
    expect(reviewCommentChange(bob, { id: 'junk', before: { text: 1 }, after: undefined }, open)?.code).toBe(
      'not_author',
    )
    expect(reviewCommentChange(facilitator, { id: 'junk', before: { text: 1 }, after: undefined }, open)).toBeNull()
  })

  it('a locked board (or open voting round) stops participants, not the facilitator', () => {
    expect(reviewCommentChange(ada, add(commentBy(ada)), locked)?.code).toBe('locked')
    expect(reviewCommentChange(ada, remove(commentBy(ada)), locked)?.code).toBe('locked')
    expect(reviewCommentChange(facilitator, add(commentBy(facilitator)), locked)).toBeNull()
    expect(reviewCommentChange(facilitator, remove(commentBy(ada)), locked)).toBeNull()
  })

  it('the projector changes nothing', () => {
    expect(reviewCommentChange(projector, add(commentBy(projector)), open)?.code).toBe('read_only')
    expect(reviewCommentChange(projector, remove(commentBy(ada)), open)?.code).toBe('read_only')
  })
})

describe('inspectClientUpdate and the comments map', () => {
  const updateOf = (write: (doc: Y.Doc) => void, base?: Y.Doc) => {
    const doc = new Y.Doc()
    if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
    const before = Y.encodeStateVector(doc)
    write(doc)
    return Y.encodeStateAsUpdate(doc, before)
  }

  it('accepts adding and deleting comment entries', () => {
    const comment = commentBy(ada)
    expect(inspectClientUpdate(updateOf((doc) => getCommentsMap(doc).set(comment.id, comment)))).toEqual({ ok: true })
    const base = new Y.Doc()
    getCommentsMap(base).set(comment.id, comment)
    expect(inspectClientUpdate(updateOf((doc) => getCommentsMap(doc).delete(comment.id), base))).toEqual({ ok: true })
  })

  it('refuses nested types, primitives, array-style writes and overwrites in comments', () => {
    const nested = updateOf((doc) => getCommentsMap(doc).set('comment:nested00', new Y.Map()))
    expect(inspectClientUpdate(nested).ok).toBe(false)
    const text = updateOf((doc) => getCommentsMap(doc).set('comment:primitive', 'just text'))
    expect(inspectClientUpdate(text).ok).toBe(false)
    const arrayStyle = updateOf((doc) => doc.getArray('comments').push([commentBy(ada)]))
    expect(inspectClientUpdate(arrayStyle).ok).toBe(false)
    const comment = commentBy(ada)
    const base = new Y.Doc()
    getCommentsMap(base).set(comment.id, comment)
    const overwrite = updateOf((doc) => getCommentsMap(doc).set(comment.id, { ...comment, text: 'edited' }), base)
    expect(inspectClientUpdate(overwrite).ok).toBe(false)
  })

  it('still refuses map entries in meta', () => {
    const meta = updateOf((doc) => doc.getMap('meta').set('schema', { hacked: true }))
    expect(inspectClientUpdate(meta).ok).toBe(false)
  })
})
