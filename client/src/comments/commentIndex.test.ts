import { buildComment, getCommentsMap } from '@pinnwand/shared/commentDocument'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CommentIndex, commentIndexFor } from './commentIndex.ts'

const ada = { userId: 'p_ada', name: 'Ada' }

describe('CommentIndex', () => {
  it('groups valid comments per card, oldest first, and ignores junk', () => {
    const doc = new Y.Doc()
    const map = getCommentsMap(doc)
    const second = buildComment({ ideaId: 'shape:a', text: 'zwei', author: ada, now: 2 })
    const first = buildComment({ ideaId: 'shape:a', text: 'eins', author: ada, now: 1 })
    map.set(second.id, second)
    map.set(first.id, first)
    map.set('comment:junkjunkjunk', { text: 'kaputt' })
    const index = new CommentIndex(doc)
    expect(index.thread('shape:a').map((c) => c.text)).toEqual(['eins', 'zwei'])
    expect(index.count('shape:b')).toBe(0)
  })

  it('notifies only the card whose thread changed, with a new thread identity', () => {
    const doc = new Y.Doc()
    const index = commentIndexFor(doc)
    expect(commentIndexFor(doc)).toBe(index)
    const calls: string[] = []
    index.subscribe('shape:a', () => calls.push('a'))
    index.subscribe('shape:b', () => calls.push('b'))
    const untouched = index.thread('shape:b')

    const comment = buildComment({ ideaId: 'shape:a', text: 'hallo', author: ada })
    getCommentsMap(doc).set(comment.id, comment)
    expect(calls).toEqual(['a'])
    expect(index.count('shape:a')).toBe(1)
    expect(index.thread('shape:b')).toBe(untouched)

    const before = index.thread('shape:a')
    getCommentsMap(doc).delete(comment.id)
    expect(calls).toEqual(['a', 'a'])
    expect(index.thread('shape:a')).not.toBe(before)
    expect(index.count('shape:a')).toBe(0)
  })

  it('follows remote changes: 20 comments from 20 documents merged', () => {
    const doc = new Y.Doc()
    const index = commentIndexFor(doc)
    for (let i = 0; i < 20; i++) {
      const other = new Y.Doc()
      const comment = buildComment({
        ideaId: 'shape:a',
        text: `K${i}`,
        author: { userId: `p_${i}`, name: `P${i}` },
        now: i,
      })
      getCommentsMap(other).set(comment.id, comment)
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
    }
    expect(index.count('shape:a')).toBe(20)
  })
})
