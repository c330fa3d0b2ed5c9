import type { CreateIdeaResponse } from '@pinnwand/shared'
import type { RouteInput } from '@pinnwand/shared/contract/route'
import { createIdea, listIdeas } from '@pinnwand/shared/ideaRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import {
  connectClient,
  createWorkshop,
  joinParticipant,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

describe('ideas API', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let ada: { participantId: string; participantToken: string }

  beforeAll(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url, 2)
    boardId = workshop.boardIds[0]!
    ada = await joinParticipant(t.url, workshop, 'Ada Lovelace')
  })
  afterAll(() => t.stop())

  const post = (body: RouteInput<typeof createIdea>['body'], token = ada.participantToken, board = boardId) =>
    callRoute(t.url, createIdea, { params: { boardId: board }, body, token })
  const list = (token = ada.participantToken, board = boardId) =>
    callRoute(t.url, listIdeas, { params: { boardId: board }, token })
  /** No board here is moderated: a created idea is never held (202). */
  const ideaOf = (res: { body: unknown }) => (res.body as CreateIdeaResponse).idea

  const expectApiError = (res: { status: number; body: any; headers: Headers }, status: number, code?: string) => {
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(res.body).toEqual({
      error: {
        code: code ?? expect.any(String),
        message: expect.any(String),
        ...(res.body?.error?.details ? { details: expect.anything() } : {}),
      },
    })
    expect(res.body.error.code).toMatch(/^[a-z]+(_[a-z]+)*$/)
  }

  it('POST creates an idea (201, exactly the documented shape) and GET lists it', async () => {
    const res = await post({ text: 'Mehr Bänke im Park' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      idea: {
        id: expect.stringMatching(/^shape:/),
        text: 'Mehr Bänke im Park',
        clusterId: null,
        author: 'Ada Lovelace',
      },
    })
    const listed = await list()
    expect(listed.status).toBe(200)
    expect(listed.body.clusters).toEqual([])
    expect(listed.body.ideas).toContainEqual(ideaOf(res))
  })

  it('lists ideas oldest first, for participants and facilitator alike', async () => {
    const second = await post({ text: 'Zweite Idee' })
    const third = await post({ text: 'Dritte Idee' }, workshop.facilitatorToken)
    expect(ideaOf(third).author).toBe('Moderation')
    const ids = (await list(workshop.facilitatorToken)).body.ideas.map((i) => i.id)
    expect(ids.indexOf(ideaOf(second).id)).toBeLessThan(ids.indexOf(ideaOf(third).id))
    expect((await list()).body.ideas.map((i) => i.id)).toEqual(ids)
  })

  it('stores script tags as plain text, unchanged', async () => {
    const text = '<script>alert("x")</script> & <b>fett</b>'
    const res = await post({ text })
    expect(res.status).toBe(201)
    expect(ideaOf(res).text).toBe(text)
    const stored = (await list()).body.ideas.find((i) => i.id === ideaOf(res).id)
    expect(stored?.text).toBe(text)
  })

  it('accepts 2000 characters and refuses 2001 with 400 validation_failed', async () => {
    expect((await post({ text: 'x'.repeat(2000) })).status).toBe(201)
    expectApiError(await post({ text: 'x'.repeat(2001) }), 400, 'validation_failed')
  })

  it.each([
    ['empty text', { text: '' }],
    ['whitespace only', { text: '   \n ' }],
    ['missing text', {}],
    ['text not a string', { text: 42 }],
    ['unknown field', { text: 'ok', colour: 'red' }],
    ['an array body', [{ text: 'ok' }]],
  ])('refuses %s with 400 {error:{code,message}}', async (_name, body) => {
    const before = (await list()).body.ideas.length
    expectApiError(await post(body as never), 400)
    expect((await list()).body.ideas.length).toBe(before)
  })

  it('401 without or with a wrong token', async () => {
    expectApiError(
      await callRoute(t.url, createIdea, { params: { boardId }, body: { text: 'anonym' } }),
      401,
      'unauthorized',
    )
    expectApiError(await callRoute(t.url, listIdeas, { params: { boardId } }), 401, 'unauthorized')
    expectApiError(await post({ text: 'x' }, 'falsch'), 401, 'unauthorized')
  })

  it("404 for an unknown board and for another workshop's board", async () => {
    expectApiError(await post({ text: 'x' }, ada.participantToken, 'b_unknown'), 404)
    const other = await createWorkshop(t.url)
    expectApiError(await post({ text: 'x' }, ada.participantToken, other.boardIds[0]!), 404)
    expectApiError(await list(ada.participantToken, other.boardIds[0]!), 404)
  })

  it('a projector token may read but not add ideas (403)', async () => {
    expect((await list(workshop.projectorToken)).status).toBe(200)
    expectApiError(await post({ text: 'vom Beamer' }, workshop.projectorToken), 403)
  })

  it('an idea created by the API arrives live at a connected client, as a valid card', async () => {
    const board = workshop.boardIds[1]!
    const client = await connectClient(t.url, board, ada.participantToken)
    try {
      const res = await post({ text: 'Live per API' }, ada.participantToken, board)
      expect(res.status).toBe(201)
      const id = ideaOf(res).id
      const card = await waitFor(() => client.card(id), { what: 'API card at client' })
      expect(card).toMatchObject({
        typeName: 'shape',
        type: 'idea-card',
        parentId: 'page:page',
        props: { text: 'Live per API', author: 'Ada Lovelace', authorId: ada.participantId },
      })
      // Placed where nothing else is: a second idea does not land on top of the first.
      const next = await post({ text: 'Daneben' }, ada.participantToken, board)
      const other = await waitFor(() => client.card(ideaOf(next).id))
      expect(other.x !== card.x || other.y !== card.y).toBe(true)
    } finally {
      client.destroy()
    }
  })
})
