import { currentRecords } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as routes from '@pinnwand/shared/privatePhaseRoutes'
import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PrivateCardStore } from '../src/privatePhase/PrivateCardStore.ts'
import { PrivatePhase, REVEAL_LEASE_MS } from '../src/privatePhase/PrivatePhase.ts'
import { planReveal } from '../src/privatePhase/privatePhaseRules.ts'
import { callRoute } from './helpers/callRoute.ts'
import { recordingClient } from './helpers/recordingClient.ts'
import {
  createWorkshop,
  joinParticipant,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

/**
 * Issue 17: a server killed between "reveal" and the board write. All or nothing: after the
 * restart the reveal happened completely (every card once, the phase over), never half.
 */
describe('Stilles Sammeln: a reveal interrupted before its board write', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let ada: { participantId: string; participantToken: string }
  let ben: { participantId: string; participantToken: string }
  const closeLater: { destroy(): void }[] = []
  const privateCards = () => (t.server.store as unknown as { privateCards: PrivateCardStore }).privateCards
  const texts = ['Ada eins', 'Ada zwei', 'Ben drei']

  beforeEach(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    ada = await joinParticipant(t.url, workshop, 'Ada Verborgen')
    ben = await joinParticipant(t.url, workshop, 'Ben Heimlich')
    const started = await callRoute(t.url, routes.startPrivatePhase, {
      params: { boardId },
      body: { facilitatorSeesTexts: false },
      token: workshop.facilitatorToken,
    })
    expect(started.status).toBe(200)
    for (const [token, text] of [
      [ada.participantToken, texts[0]!],
      [ada.participantToken, texts[1]!],
      [ben.participantToken, texts[2]!],
    ] as const) {
      const made = await callRoute(t.url, routes.createPrivateCard, { params: { boardId }, body: { text }, token })
      expect(made.status).toBe(201)
    }
  })
  afterEach(async () => {
    for (const c of closeLater.splice(0)) c.destroy()
    await t.stop()
  })

  const watch = async (token: string) => {
    const client = await recordingClient(t.url, boardId, token)
    closeLater.push(client)
    return client
  }
  const restart = async () => {
    for (const c of closeLater.splice(0)) c.destroy()
    const dataDir = t.dataDir
    await t.server.close()
    t = await startTestServer({ DATA_DIR: dataDir })
  }

  it('is completed by the restarted server, anonymous as chosen, every card once, the phase over', async () => {
    // The reveal marked the phase (choice: without names) and the server died before writing the
    // board. It began a lease ago: the server was down at least that long, nobody is writing.
    const begun = await privateCards().beginReveal(boardId, true, Date.now() - REVEAL_LEASE_MS)
    expect(begun?.cards).toHaveLength(3)
    await restart()
    expect((await privateCards().getPhase(boardId))?.revealing).toBe(true)

    // Somebody opens the board: it loads, and the reveal is finished without anyone pressing again.
    const watcher = await watch(ben.participantToken)
    await waitFor(() => watcher.cards().length === 3 && watcher.latest().privatePhase === null, {
      what: 'the interrupted reveal completes on load',
    })
    expect(
      watcher
        .cards()
        .map((c) => c.props.text)
        .sort(),
    ).toEqual([...texts].sort())
    for (const card of watcher.cards()) expect([card.props.author, card.props.authorId]).toEqual(['', ''])
    expect(await privateCards().getPhase(boardId)).toBeNull()
    expect(await privateCards().listCards(boardId)).toEqual([])

    // Once, and for good: another restart adds nothing, and reveal has nothing left to do.
    await restart()
    const again = await watch(ada.participantToken)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(
      again
        .cards()
        .map((c) => c.props.text)
        .sort(),
    ).toEqual([...texts].sort())
    const reveal = await callRoute(t.url, routes.revealPrivateCards, {
      params: { boardId },
      body: { anonymous: false },
      token: workshop.facilitatorToken,
    })
    expect(reveal.body.error?.code).toBe('no_private_phase')
    const list = await callApi(
      routes.listPrivateCards,
      { params: { boardId }, token: ada.participantToken },
      { baseUrl: t.url },
    )
    expect(list).toEqual({ phase: null, cards: [] })
  })

  it('leaves a reveal another instance is writing alone until its lease ends, then completes it once', async () => {
    // Another instance (behind Redis) began the reveal a moment ago and is still at work.
    const begun = (await privateCards().beginReveal(boardId, false, Date.now()))!
    const watcher = await watch(ben.participantToken)
    // Loading the board here does not take the reveal away from it while its lease runs.
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(watcher.cards()).toHaveLength(0)
    expect((await privateCards().getPhase(boardId))?.revealing).toBe(true)
    const listed = await callApi(
      routes.listPrivateCards,
      { params: { boardId }, token: ada.participantToken },
      { baseUrl: t.url },
    )
    expect(listed.cards).toHaveLength(2)

    // That instance died. A third instance, one lease later, sees the reveal unfinished: asked
    // for the private cards, it completes the reveal as chosen (with names).
    const later = new PrivatePhase(
      privateCards(),
      t.server.rooms,
      pino({ level: 'silent' }),
      () => Date.now() + REVEAL_LEASE_MS + 1,
    )
    await later.list(boardId, {
      role: 'participant',
      userId: ben.participantId,
      name: 'Ben Heimlich',
      workshopId: workshop.workshopId,
      boardId: null,
    })
    await waitFor(() => watcher.cards().length === 3 && watcher.latest().privatePhase === null, {
      what: 'the reveal completes after the lease',
    })
    const byText = new Map(watcher.cards().map((c) => [c.props.text, c]))
    expect(byText.get('Ada eins')?.props.author).toBe('Ada Verborgen')
    expect(byText.get('Ben drei')?.props.authorId).toBe(ben.participantId)

    // Had the first instance only been slow, its late write changes nothing: the same ids.
    const room = await t.server.rooms.open(boardId)
    try {
      await room.change((records) => {
        for (const idea of planReveal(currentRecords(records), begun.cards, false, Date.now()))
          records.set(idea.id, idea)
      })
    } finally {
      t.server.rooms.releaseIfIdle(room)
    }
    expect(await privateCards().finishReveal(boardId, begun.phaseStartedAt)).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(
      watcher
        .cards()
        .map((c) => c.props.text)
        .sort(),
    ).toEqual([...texts].sort())
    expect(await privateCards().getPhase(boardId)).toBeNull()
  })
})
