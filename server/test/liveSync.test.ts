import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  startTestServer,
  type TestServer,
  type TestWorkshop,
  userIdOf,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

describe('live sync between real y-websocket clients', () => {
  let t: TestServer
  let workshop: TestWorkshop
  const clients: BoardClient[] = []

  beforeEach(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
  })

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await t.stop()
  })

  const connect = async (token: string) => {
    const client = await connectClient(t.url, workshop.boardIds[0]!, token)
    clients.push(client)
    return client
  }

  it('a card written by one client appears at the other', async () => {
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const bob = await joinParticipant(t.url, workshop, 'Bob')
    const a = await connect(ada.participantToken)
    const b = await connect(bob.participantToken)

    const fromA = ideaCard(ada.participantId, 'Mehr Grün im Hof')
    a.records.set(fromA.id, fromA)
    await waitFor(() => b.has(fromA.id), { what: 'card at B' })
    expect(b.records.get(fromA.id)).toEqual(fromA)

    // And the other way round, so neither direction is special.
    const fromB = ideaCard(bob.participantId, 'Fahrradständer')
    b.records.set(fromB.id, fromB)
    await waitFor(() => a.has(fromB.id), { what: 'card at A' })
    expect(a.texts()).toEqual(b.texts())
    expect(a.texts()).toEqual(['Fahrradständer', 'Mehr Grün im Hof'])
  })

  it('a client joining late receives everything written before', async () => {
    const facilitatorId = await userIdOf(t.url, workshop.facilitatorToken)
    const ada = await joinParticipant(t.url, workshop)
    const a = await connect(ada.participantToken)
    const f = await connect(workshop.facilitatorToken)
    const cards = [ideaCard(ada.participantId, 'eins'), ideaCard(ada.participantId, 'zwei')]
    for (const card of cards) a.records.set(card.id, card)
    const byFacilitator = ideaCard(facilitatorId, 'drei')
    f.records.set(byFacilitator.id, byFacilitator)
    // A moves the facilitator's card: moving others' cards is allowed.
    await waitFor(() => a.has(byFacilitator.id))
    a.records.set(byFacilitator.id, { ...byFacilitator, x: 999 })
    await waitFor(() => f.card(byFacilitator.id)?.x === 999, { what: 'move at F' })

    const late = await connect(workshop.facilitatorToken)
    expect(late.texts()).toEqual(['drei', 'eins', 'zwei'])
    expect(late.card(byFacilitator.id)?.x).toBe(999)
    // The document and page of the initial board are there too.
    expect(late.has('document:document')).toBe(true)
    expect(late.has('page:page')).toBe(true)
  })

  it('presence reaches the other client and is removed when its owner leaves', async () => {
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const a = await connect(ada.participantToken)
    const b = await connect(workshop.facilitatorToken)
    a.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#f00' })
    const aId = a.doc.clientID
    await waitFor(
      () =>
        (b.provider.awareness.getStates().get(aId) as { user?: { name: string } } | undefined)?.user?.name === 'Ada',
      {
        what: 'presence of A at B',
      },
    )
    // The server drops the state of a closed connection and tells the others.
    a.provider.disconnect()
    await waitFor(() => !b.provider.awareness.getStates().has(aId), { what: 'presence of A removed at B' })
  })

  it('a board reloaded after idle unload still has its content', async () => {
    const ada = await joinParticipant(t.url, workshop)
    const a = await connect(ada.participantToken)
    const card = ideaCard(ada.participantId, 'bleibt')
    a.records.set(card.id, card)
    const b = await connect(ada.participantToken)
    await waitFor(() => b.has(card.id))
    a.destroy()
    b.destroy()
    await waitFor(() => t.server.rooms.getLoaded(workshop.boardIds[0]!) === undefined, { what: 'room unloaded' })
    const c = await connect(ada.participantToken)
    expect(c.texts()).toEqual(['bleibt'])
  })
})
