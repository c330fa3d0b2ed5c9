import { type BoardComment, buildComment, getCommentsMap, Limits, readComments } from '@pinnwand/shared'
import { setBoardLock } from '@pinnwand/shared/boardRoutes'
import { createComment, deleteComment, listComments } from '@pinnwand/shared/commentRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { createIdea } from '@pinnwand/shared/ideaRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import {
  api,
  type BoardClient,
  connectClient,
  createWorkshop,
  joinParticipant,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { errorCode } from './votingHelpers.ts'

describe('comments API', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let ideaId: string
  let ada: { participantId: string; participantToken: string }
  let bob: { participantId: string; participantToken: string }
  const clients: BoardClient[] = []

  beforeAll(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url, 2)
    boardId = workshop.boardIds[0]!
    ada = await joinParticipant(t.url, workshop, 'Ada')
    bob = await joinParticipant(t.url, workshop, 'Bob')
    const created = await callApi(
      createIdea,
      { params: { boardId }, body: { text: 'Radweg' }, token: ada.participantToken },
      { baseUrl: t.url },
    )
    if (!('idea' in created)) throw new Error('idea held for moderation')
    ideaId = created.idea.id
  })
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await t?.stop()
  })

  const thread = (token = workshop.facilitatorToken, idea = ideaId, board = boardId) =>
    callRoute(t.url, listComments, { params: { boardId: board, ideaId: idea }, token })
  const post = (token: string, body: { text: string }, idea = ideaId) =>
    callRoute(t.url, createComment, { params: { boardId, ideaId: idea }, body, token })
  const remove = (token: string, commentId: string) =>
    callRoute(t.url, deleteComment, { params: { boardId, commentId }, token })
  const lock = (locked: boolean) =>
    callApi(
      setBoardLock,
      { params: { boardId }, body: { locked }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )

  it('API and document agree: a posted comment appears live in a raw Yjs client, and vice versa', async () => {
    const observer = await connectClient(t.url, boardId, bob.participantToken)
    clients.push(observer)
    const text = '<script>alert("x")</script> Ünïcödé مرحبا 👍'
    const created = await post(ada.participantToken, { text: `  ${text}  ` })
    expect(created.status).toBe(201)
    const comment: BoardComment = created.body.comment
    expect(comment).toMatchObject({ ideaId, authorId: ada.participantId, author: 'Ada', text })
    expect(comment.id).toMatch(/^comment:/)
    await waitFor(() => getCommentsMap(observer.doc).has(comment.id), { what: 'posted comment in the doc' })
    expect(readComments(observer.doc)).toEqual([comment])

    const viaYjs = buildComment({ ideaId, text: 'über Yjs', author: { userId: bob.participantId, name: 'Bob' } })
    getCommentsMap(observer.doc).set(viaYjs.id, viaYjs)
    await waitFor(async () => (await thread()).body.comments.length === 2, { what: 'Yjs comment in the API' })
    expect((await thread(workshop.projectorToken)).body.comments).toEqual(
      [comment, viaYjs].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)),
    )

    expect((await remove(bob.participantToken, comment.id)).status).toBe(403)
    expect((await remove(ada.participantToken, comment.id)).status).toBe(204)
    await waitFor(() => !getCommentsMap(observer.doc).has(comment.id), { what: 'deletion in the doc' })
    expect((await remove(workshop.facilitatorToken, viaYjs.id)).status).toBe(204)
    expect((await thread()).body.comments).toEqual([])
  })

  it('refuses bad input with clear errors and changes nothing', async () => {
    const cases: [unknown, number][] = [
      [{ text: '' }, 400],
      [{ text: ' \n ' }, 400],
      [{ text: 'x'.repeat(Limits.commentTextMax + 1) }, 400],
      [{ text: 'x'.repeat(10_000) }, 400],
      [{ text: 'ok', authorId: bob.participantId }, 400],
      [{ text: 42 }, 400],
    ]
    const answers = []
    for (const [body, status] of cases) {
      const res = await post(ada.participantToken, body as never)
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(status)
      answers.push(res)
    }
    // Not JSON at all: the generic helper sends the string verbatim.
    const notJson = await api(t.url, 'POST', `/api/boards/${boardId}/ideas/${ideaId}/comments`, {
      token: ada.participantToken,
      body: 'not json',
    })
    expect(notJson.status).toBe(400)
    for (const res of [...answers, notJson]) {
      expect(typeof res.body.error?.code).toBe('string')
      expect(typeof res.body.error?.message).toBe('string')
    }
    const missing = await post(ada.participantToken, { text: 'hallo' }, 'shape:nope')
    expect(missing.status).toBe(404)
    expect(missing.body.error?.code).toBe('idea_not_found')
    expect((await thread(workshop.facilitatorToken, 'shape:nope')).body.error?.code).toBe('idea_not_found')
    const gone = await remove(ada.participantToken, 'comment:doesnotexist')
    expect(gone.status).toBe(404)
    expect(errorCode(gone)).toBe('comment_not_found')
    expect((await thread()).body.comments).toEqual([])
  })

  it('respects roles, tokens and the lock', async () => {
    expect((await post(workshop.projectorToken, { text: 'Beamer' })).status).toBe(403)
    expect((await post('wrong-token', { text: 'x' })).status).toBe(401)
    expect((await thread('wrong-token')).status).toBe(401)
    const otherBoard = await thread(ada.participantToken, ideaId, workshop.boardIds[1]!)
    expect(otherBoard.status).toBe(404)

    const own = await post(ada.participantToken, { text: 'vor der Sperre' })
    expect(own.status).toBe(201)
    await lock(true)
    try {
      const locked = await post(ada.participantToken, { text: 'gesperrt' })
      expect(locked.status).toBe(409)
      expect(locked.body.error?.code).toBe('board_locked')
      expect(errorCode(await remove(ada.participantToken, own.body.comment.id))).toBe('board_locked')
      const facilitator = await post(workshop.facilitatorToken, { text: 'Moderation trotz Sperre' })
      expect(facilitator.status).toBe(201)
      expect(facilitator.body.comment.author).toBe('Moderation')
    } finally {
      await lock(false)
    }
    expect((await thread()).body.comments.map((c) => c.text)).toEqual(['vor der Sperre', 'Moderation trotz Sperre'])
  })

  it('is described in the OpenAPI document', async () => {
    const res = await api(t.url, 'GET', '/api/openapi.json')
    const threadPath = res.body.paths['/api/boards/{boardId}/ideas/{ideaId}/comments']
    expect(Object.keys(threadPath).sort()).toEqual(['get', 'post'])
    expect(threadPath.post.requestBody.content['application/json'].schema.properties.text.maxLength).toBe(
      Limits.commentTextMax,
    )
    expect(res.body.paths['/api/boards/{boardId}/comments/{commentId}']).toHaveProperty('delete')
  })
})
