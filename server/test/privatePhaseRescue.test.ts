import { callApi } from '@pinnwand/shared/contract/callApi'
import * as routes from '@pinnwand/shared/privatePhaseRoutes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  serverRoundTrip,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'
import { recordingClient } from './helpers/recordingClient.ts'
import { waitFor } from './helpers/waitFor.ts'

/*
 * A device that has not yet heard that Stilles Sammeln began sends a new card as a shared card.
 * The server refuses it in the document (nobody else may read it) and keeps it as the author's
 * private card, so it is not lost.
 */
describe('Stilles Sammeln: a card sent as the phase begins', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  const closeLater: { destroy(): void }[] = []

  beforeEach(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
  })
  afterEach(async () => {
    for (const client of closeLater.splice(0)) client.destroy()
    await t.stop()
  })

  const cardsOf = async (token: string) =>
    (await callApi(routes.listPrivateCards, { params: { boardId }, token }, { baseUrl: t.url })).cards.map(
      (card) => card.text,
    )

  it('becomes the author’s private card, once, and reaches nobody else', async () => {
    const ben = await joinParticipant(t.url, workshop, 'Ben')
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const benClient: BoardClient = await connectClient(t.url, boardId, ben.participantToken)
    const watcher = await recordingClient(t.url, boardId, ada.participantToken)
    closeLater.push(benClient, watcher)
    await callApi(
      routes.startPrivatePhase,
      { params: { boardId }, body: { facilitatorSeesTexts: false }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )

    // Ben's device writes as if the phase had not begun: a shared card.
    const card = ideaCard(ben.participantId, 'ZU-FRUEH-geschrieben')
    benClient.records.set(card.id, card)
    await waitFor(() => !benClient.has(card.id), { what: 'the shared card is reverted' })
    await waitFor(async () => (await cardsOf(ben.participantToken)).length === 1, {
      what: 'a private card for Ben',
      interval: 100,
    })
    expect(await cardsOf(ben.participantToken)).toEqual(['ZU-FRUEH-geschrieben'])

    // Sent again (a device's outbox after a reconnect): still one card.
    benClient.records.set(card.id, card)
    await waitFor(() => !benClient.has(card.id), { what: 'the resent card is reverted too' })
    await serverRoundTrip(benClient.provider)
    expect(await cardsOf(ben.participantToken)).toEqual(['ZU-FRUEH-geschrieben'])

    // Ada learns only the count, never the text; the facilitator sees the count too.
    await waitFor(() => (watcher.latest().privatePhase as { cards?: number } | null)?.cards === 1, {
      what: 'the count reaches Ada',
    })
    expect(await cardsOf(ada.participantToken)).toEqual([])
    expect(watcher.sawBytes('ZU-FRUEH')).toBe(false)
    const stored = await t.server.store.loadBoardDocument(boardId)
    const bytes = Buffer.concat([Buffer.from(stored.snapshot ?? []), ...stored.updates.map((u) => Buffer.from(u.data))])
    expect(bytes.includes(Buffer.from('ZU-FRUEH'))).toBe(false)
  })

  it('keeps no blank card', async () => {
    const ben = await joinParticipant(t.url, workshop, 'Ben')
    const benClient: BoardClient = await connectClient(t.url, boardId, ben.participantToken)
    closeLater.push(benClient)
    await callApi(
      routes.startPrivatePhase,
      { params: { boardId }, body: { facilitatorSeesTexts: false }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    const card = ideaCard(ben.participantId, 'kein Text')
    const notAnIdea = { ...card, props: { ...card.props, text: '   ' } }
    benClient.records.set(notAnIdea.id, notAnIdea)
    await waitFor(() => !benClient.has(notAnIdea.id), { what: 'the blank card is reverted' })
    await serverRoundTrip(benClient.provider)
    expect(await cardsOf(ben.participantToken)).toEqual([])
  })
})
