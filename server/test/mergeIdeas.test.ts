import type { CreateIdeaResponse } from '@pinnwand/shared'
import { createComment, listComments } from '@pinnwand/shared/commentRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import type { RouteInput } from '@pinnwand/shared/contract/route'
import { exportBoard } from '@pinnwand/shared/exportRoutes'
import { createIdea, listIdeas, mergeIdeas } from '@pinnwand/shared/ideaRoutes'
import { mergedIdeasOf } from '@pinnwand/shared/mergeIdeasApi'
import { openRound } from '@pinnwand/shared/votingRoutes'
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
import { errorCode } from './votingHelpers.ts'

/** Issue 13: "Doppelte zusammenführen" — two or more cards become one, nothing of them is lost. */
describe('POST /api/boards/:boardId/ideas/merge', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  const people: Record<string, string> = {}

  beforeAll(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    for (const name of ['Ada', 'Grace', 'Linus'])
      people[name] = (await joinParticipant(t.url, workshop, name)).participantToken
  })
  afterAll(() => t.stop())

  const post = async (token: string, text: string) => {
    const res = await callRoute(t.url, createIdea, { params: { boardId }, body: { text }, token })
    expect(res.status).toBe(201)
    return (res.body as CreateIdeaResponse).idea.id
  }
  const merge = (token: string, body: RouteInput<typeof mergeIdeas>['body']) =>
    callRoute(t.url, mergeIdeas, { params: { boardId }, body, token })
  const ideas = async () =>
    (await callApi(listIdeas, { params: { boardId }, token: workshop.facilitatorToken }, { baseUrl: t.url })).ideas

  it('merges cards of three people into the first, keeping every author and comment', async () => {
    const a = await post(people.Ada!, 'Mehr Radwege')
    const g = await post(people.Grace!, 'Radwege ausbauen')
    const l = await post(people.Linus!, 'Mehr Radwege')
    const comment = await callRoute(t.url, createComment, {
      params: { boardId, ideaId: g },
      token: people.Ada!,
      body: { text: 'Auch im Winter räumen' },
    })
    expect(comment.status).toBe(201)

    const res = await merge(workshop.facilitatorToken, { ideaIds: [a, g, l] })
    expect(res.status).toBe(200)
    // Identical texts count once; the rest follow one per paragraph.
    expect(res.body.idea).toMatchObject({ id: a, text: 'Mehr Radwege\n\nRadwege ausbauen' })
    expect(res.body.idea.authors).toEqual(['Ada', 'Grace', 'Linus'])
    expect(res.body.movedComments).toBe(1)

    const listed = await ideas()
    expect(listed.map((i) => i.id)).toContain(a)
    expect(listed.map((i) => i.id)).not.toContain(g)
    expect(listed.map((i) => i.id)).not.toContain(l)
    const thread = await callApi(
      listComments,
      { params: { boardId, ideaId: a }, token: people.Ada! },
      { baseUrl: t.url },
    )
    expect(thread.comments.map((c) => c.text)).toEqual(['Auch im Winter räumen'])

    // Everyone's board shows the merged card with what it stands for.
    const client = await connectClient(t.url, boardId, people.Linus!)
    const card = client.card(a)!
    expect(card.props.text).toBe('Mehr Radwege\n\nRadwege ausbauen')
    expect(mergedIdeasOf(card.meta).map((m) => [m.id, m.author, m.text])).toEqual([
      [g, 'Grace', 'Radwege ausbauen'],
      [l, 'Linus', 'Mehr Radwege'],
    ])
    client.destroy()

    // The report says which ideas the card stands for (names only when the organiser chose so).
    const md = await callApi(
      exportBoard,
      { params: { boardId }, query: { format: 'md' }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    expect(await md.text()).toContain('Zusammengeführt aus 2 Ideen: „Radwege ausbauen“, „Mehr Radwege“')
  })

  it('keeps what was merged before when a merged card is merged again, and takes a chosen text', async () => {
    const x = await post(people.Ada!, 'Bänke')
    const y = await post(people.Grace!, 'Sitzbänke')
    const z = await post(people.Linus!, 'Schatten')
    expect((await merge(workshop.facilitatorToken, { ideaIds: [y, z] })).status).toBe(200)
    const res = await merge(workshop.facilitatorToken, { ideaIds: [x, y], text: 'Bänke mit Schatten' })
    expect(res.status).toBe(200)
    expect(res.body.idea.text).toBe('Bänke mit Schatten')
    expect(res.body.idea.mergedFrom.map((m) => m.id)).toEqual([z, y])
    expect(res.body.idea.authors).toEqual(['Ada', 'Linus', 'Grace'])
  })

  it("lets a participant merge only her own cards, and refuses someone else's without changing anything", async () => {
    const own1 = await post(people.Ada!, 'Wasserspender')
    const own2 = await post(people.Ada!, 'Trinkbrunnen')
    const other = await post(people.Grace!, 'Brunnen')
    const refused = await merge(people.Ada!, { ideaIds: [own1, other] })
    expect(refused.status).toBe(403)
    expect(errorCode(refused)).toBe('forbidden')
    const refusedInto = await merge(people.Ada!, { ideaIds: [other, own1] })
    expect(refusedInto.status).toBe(403)
    const texts = (await ideas()).map((i) => i.text)
    expect(texts).toEqual(expect.arrayContaining(['Wasserspender', 'Trinkbrunnen', 'Brunnen']))
    expect((await merge(people.Ada!, { ideaIds: [own1, own2] })).status).toBe(200)
  })

  it('answers bad input with a clear error and loses nothing', async () => {
    const a = await post(people.Ada!, 'x'.repeat(1500))
    const b = await post(people.Grace!, 'y'.repeat(1500))
    const before = (await ideas()).length
    const tooLong = await merge(workshop.facilitatorToken, { ideaIds: [a, b] })
    expect(tooLong.status).toBe(422)
    expect(errorCode(tooLong)).toBe('merge_text_too_long')
    const unknown = await merge(workshop.facilitatorToken, { ideaIds: [a, 'shape:nope'] })
    expect(unknown.status).toBe(404)
    expect(errorCode(unknown)).toBe('idea_not_found')
    const same = await merge(workshop.facilitatorToken, { ideaIds: [a, a] })
    expect(same.status).toBe(400)
    const one = await merge(workshop.facilitatorToken, { ideaIds: [a] })
    expect(one.status).toBe(400)
    expect(errorCode(one)).toBe('validation_failed')
    const script = await merge(workshop.facilitatorToken, { ideaIds: [a, b], text: '<script>alert(1)</script>' })
    expect(script.status).toBe(200)
    expect(script.body.idea.text).toBe('<script>alert(1)</script>')
    expect((await ideas()).length).toBe(before - 1)
    const projector = await merge(workshop.projectorToken, { ideaIds: [a, b] })
    expect(projector.status).toBe(403)
  })

  it('refuses while a voting round is open', async () => {
    const a = await post(people.Ada!, 'Kiosk')
    const b = await post(people.Grace!, 'Café')
    const round = await callRoute(t.url, openRound, {
      params: { boardId },
      token: workshop.facilitatorToken,
      body: { dotsPerParticipant: 3 },
    })
    expect(round.status).toBe(201)
    const res = await merge(workshop.facilitatorToken, { ideaIds: [a, b] })
    expect(res.status).toBe(409)
    expect(errorCode(res)).toBe('merge_round_open')
    expect((await ideas()).map((i) => i.id)).toEqual(expect.arrayContaining([a, b]))
  })
})
