import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  BoardCommentSchema,
  buildComment,
  createCommentId,
  getCommentsMap,
  groupCommentsByIdea,
  parseComment,
  readComments,
  replaceComments,
} from './comments.ts'
import { Limits } from './limits.ts'

const ada = { userId: 'p_ada', name: 'Ada' }

describe('comments in the board document', () => {
  it('builds valid comments with fresh ids and trimmed text', () => {
    const comment = buildComment({ ideaId: 'shape:a', text: '  Gute Idee 👍  ', author: ada, now: 5 })
    expect(parseComment(comment)).toEqual({ ...comment, text: 'Gute Idee 👍' })
    expect(comment).toMatchObject({ ideaId: 'shape:a', authorId: 'p_ada', author: 'Ada', createdAt: 5 })
    const ids = new Set(Array.from({ length: 500 }, createCommentId))
    expect(ids.size).toBe(500)
    for (const id of ids) expect(id).toMatch(/^comment:[A-Za-z0-9]{21}$/)
  })

  it('refuses blank, oversize, misshapen and extra-field comments', () => {
    const valid = buildComment({ ideaId: 'shape:a', text: 'ok', author: ada })
    expect(parseComment(valid)).not.toBeNull()
    expect(parseComment({ ...valid, text: 'x'.repeat(Limits.commentTextMax) })).not.toBeNull()
    for (const bad of [
      { ...valid, text: '' },
      { ...valid, text: ' \n\t ' },
      { ...valid, text: 'x'.repeat(Limits.commentTextMax + 1) },
      { ...valid, id: 'shape:x' },
      { ...valid, ideaId: 'page:page' },
      { ...valid, authorId: '' },
      { ...valid, createdAt: 1.5 },
      { ...valid, html: '<b>x</b>' },
      { ...valid, text: 42 },
      null,
      'comment',
    ]) {
      expect(parseComment(bad), JSON.stringify(bad)).toBeNull()
    }
  })

  it('parseComment (zod-free, for the web app) and BoardCommentSchema (HTTP) agree', () => {
    const valid = buildComment({ ideaId: 'shape:a', text: 'ok', author: ada })
    const samples: unknown[] = [
      valid,
      { ...valid, text: 'x'.repeat(Limits.commentTextMax) },
      { ...valid, text: 'x'.repeat(Limits.commentTextMax + 1) },
      { ...valid, text: '' },
      { ...valid, text: ' ' },
      { ...valid, text: 7 },
      { ...valid, id: 'comment:short' },
      { ...valid, id: 'comment:abc' },
      { ...valid, id: `comment:${'a'.repeat(64)}` },
      { ...valid, id: `comment:${'a'.repeat(65)}` },
      { ...valid, id: 'comment:has space!' },
      { ...valid, ideaId: 'shape:' },
      { ...valid, ideaId: `shape:${'x'.repeat(200)}` },
      { ...valid, ideaId: 'page:page' },
      { ...valid, authorId: '' },
      { ...valid, authorId: 'x'.repeat(201) },
      { ...valid, author: '' },
      { ...valid, author: 'x'.repeat(Limits.displayNameMax + 1) },
      { ...valid, createdAt: -1 },
      { ...valid, createdAt: 0 },
      { ...valid, createdAt: 1.5 },
      { ...valid, createdAt: Number.MAX_SAFE_INTEGER + 2 },
      { ...valid, createdAt: '5' },
      { ...valid, extra: true },
      (({ author: _author, ...rest }) => rest)(valid),
      [],
      null,
      'comment',
    ]
    for (const sample of samples) {
      expect(parseComment(sample) !== null, JSON.stringify(sample)).toBe(BoardCommentSchema.safeParse(sample).success)
    }
  })

  it('reads valid comments oldest first, skipping junk, and groups them per idea', () => {
    const doc = new Y.Doc()
    const map = getCommentsMap(doc)
    const late = buildComment({ ideaId: 'shape:a', text: 'zwei', author: ada, now: 20 })
    const early = buildComment({ ideaId: 'shape:a', text: 'eins', author: ada, now: 10 })
    const other = buildComment({ ideaId: 'shape:b', text: 'anders', author: ada, now: 15 })
    map.set(late.id, late)
    map.set(early.id, early)
    map.set(other.id, other)
    map.set('junk', { text: 'no' })
    expect(readComments(doc).map((c) => c.text)).toEqual(['eins', 'anders', 'zwei'])
    const byIdea = groupCommentsByIdea(readComments(doc))
    expect(byIdea.get('shape:a')?.map((c) => c.text)).toEqual(['eins', 'zwei'])
    expect(byIdea.get('shape:b')?.map((c) => c.text)).toEqual(['anders'])
  })

  it('replaceComments makes the map exactly the given list without rewriting unchanged entries', () => {
    const doc = new Y.Doc()
    const keep = buildComment({ ideaId: 'shape:a', text: 'bleibt', author: ada, now: 1 })
    const drop = buildComment({ ideaId: 'shape:a', text: 'geht', author: ada, now: 2 })
    const add = buildComment({ ideaId: 'shape:b', text: 'neu', author: ada, now: 3 })
    replaceComments(doc, [keep, drop])
    const before = Y.encodeStateVector(doc)
    const writes: string[] = []
    getCommentsMap(doc).observe((event) => writes.push(...event.keysChanged))
    replaceComments(doc, [keep, add])
    expect(readComments(doc).map((c) => c.text)).toEqual(['bleibt', 'neu'])
    expect(writes.sort()).toEqual([drop.id, add.id].sort())
    expect(Y.encodeStateVector(doc)).not.toEqual(before)
  })
})
