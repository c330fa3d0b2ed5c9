import { type BoardStateMessage, type IdeaCardShape, refusedCardRequestId } from '@pinnwand/shared'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as moderationRoutes from '@pinnwand/shared/moderationRoutes'
import * as privateRoutes from '@pinnwand/shared/privatePhaseRoutes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { type FreshDatabase, freshPostgres } from './helpers/freshPostgres.ts'
import { type RecordingClient, recordingClient } from './helpers/recordingClient.ts'
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
  userIdOf,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

/*
 * A device that has not yet heard that Stilles Sammeln began, or that moderation was switched
 * on, sends a new card as a shared card. The server refuses it in the document (nobody else may
 * read it yet) and keeps it as the author's private or waiting card. The device's catcher may
 * post the same card too (it took the card back, but it had reached the document anyway): both
 * use `refused:<shape id>`, so the person gets the card exactly once, whichever comes first.
 */

interface Kind {
  /** The facilitator switches holding back on. */
  start(t: TestServer, workshop: TestWorkshop, boardId: string): Promise<unknown>
  /** Whether a board state says cards are held back now. */
  holds(state: BoardStateMessage): boolean
  /** The catcher's POST of a card's text under a request id. */
  post(t: TestServer, boardId: string, token: string, text: string, clientRequestId: string): Promise<string>
  /** A participant's own held-back cards. */
  own(t: TestServer, boardId: string, token: string): Promise<{ id: string; text: string }[]>
  /** Every held-back card, as the facilitator reads them. */
  all(t: TestServer, boardId: string, facilitatorToken: string): Promise<{ id: string; text: string }[]>
}

const kinds: Record<'Stilles Sammeln' | 'moderation', Kind> = {
  'Stilles Sammeln': {
    start: (t, workshop, boardId) =>
      callRoute(t.url, privateRoutes.startPrivatePhase, {
        params: { boardId },
        // The facilitator reads every text: so the test sees that none of theirs is held back.
        body: { facilitatorSeesTexts: true },
        token: workshop.facilitatorToken,
      }),
    holds: (state) => state.privatePhase != null,
    post: async (t, boardId, token, text, clientRequestId) => {
      const made = await callRoute(t.url, privateRoutes.createPrivateCard, {
        params: { boardId },
        body: { text, clientRequestId },
        token,
      })
      expect(made.status).toBe(201)
      return made.body.card.id
    },
    own: async (t, boardId, token) =>
      (await callRoute(t.url, privateRoutes.listPrivateCards, { params: { boardId }, token })).body.cards,
    all: (t, boardId, token) => kinds['Stilles Sammeln'].own(t, boardId, token),
  },
  moderation: {
    start: (t, workshop, boardId) =>
      callRoute(t.url, boardRoutes.updateTable, {
        params: { boardId },
        body: { moderation: true },
        token: workshop.facilitatorToken,
      }),
    holds: (state) => (state.moderation as { on?: boolean } | null | undefined)?.on === true,
    post: async (t, boardId, token, text, clientRequestId) => {
      const made = await callRoute(t.url, moderationRoutes.createHeldCard, {
        params: { boardId },
        body: { text, clientRequestId },
        token,
      })
      expect(made.status).toBe(201)
      return made.body.card.id
    },
    own: async (t, boardId, token) =>
      (await callRoute(t.url, moderationRoutes.listHeldCards, { params: { boardId }, token })).body.cards,
    all: async (t, boardId, token) =>
      (await callRoute(t.url, moderationRoutes.moderationInbox, { params: { boardId }, token })).body.cards,
  },
}

const databaseUrl = process.env.DATABASE_URL
const databases = databaseUrl ? ['SQLite', 'PostgreSQL'] : ['SQLite']

describe.each(databases)('a card sent as cards begin to be held back (%s)', (database) => {
  let fresh: FreshDatabase | undefined
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let ben: { participantId: string; participantToken: string }
  let benClient: BoardClient
  let ada: { participantId: string; participantToken: string }
  let adaWatch: RecordingClient
  const closeLater: { destroy(): void }[] = []

  beforeEach(async () => {
    fresh = database === 'PostgreSQL' ? await freshPostgres(databaseUrl!, 'held_rescue') : undefined
    t = await startTestServer(fresh ? { DATABASE_URL: fresh.url } : {})
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    ben = await joinParticipant(t.url, workshop, 'Ben')
    ada = await joinParticipant(t.url, workshop, 'Ada')
    benClient = await connectClient(t.url, boardId, ben.participantToken)
    adaWatch = await recordingClient(t.url, boardId, ada.participantToken)
    closeLater.push(benClient, adaWatch)
  })
  afterEach(async () => {
    for (const client of closeLater.splice(0)) client.destroy()
    await t.stop()
    await fresh?.drop()
  })

  /** Ben's device, not yet aware of the start, writes `card` into the shared document. */
  async function sendShared(card: IdeaCardShape) {
    benClient.records.set(card.id, card)
    await waitFor(() => !benClient.has(card.id), { what: 'the shared card is reverted' })
    await serverRoundTrip(benClient.provider)
  }

  /**
   * A card kept after everything else Ben sent: once it is there, the server has kept (or found)
   * every card sent before it, so a duplicate would show by then.
   */
  async function settled(kind: Kind) {
    const marker = ideaCard(ben.participantId, 'Markierung')
    await sendShared(marker)
    await waitFor(async () => (await kind.own(t, boardId, ben.participantToken)).some((c) => c.text === 'Markierung'), {
      what: 'the marker card is kept',
      interval: 50,
    })
  }

  const textsOf = async (kind: Kind, token: string) =>
    (await kind.own(t, boardId, token)).map((card) => card.text).filter((text) => text !== 'Markierung')

  /** Nobody but Ben (and the facilitator, who reads held-back texts) ever received the text. */
  function expectHidden(kind: Kind, secret: string) {
    expect(kind.holds(adaWatch.latest())).toBe(true)
    expect(adaWatch.sawBytes(secret)).toBe(false)
    expect(adaWatch.cards().some((card) => card.props.text.includes(secret))).toBe(false)
  }

  for (const [name, kind] of Object.entries(kinds)) {
    describe(name, () => {
      beforeEach(async () => {
        expect(((await kind.start(t, workshop, boardId)) as { status: number }).status).toBe(200)
        await waitFor(() => kind.holds(adaWatch.latest()), { what: 'Ada hears that cards are held back' })
      })

      it('keeps the card as Ben’s, once, also when sent again; Ada never receives its text', async () => {
        const card = ideaCard(ben.participantId, 'ZU-FRUEH-geschrieben')
        await sendShared(card)
        // Sent again (a reconnect that resends it): still one card.
        await sendShared(card)
        await settled(kind)
        expect(await textsOf(kind, ben.participantToken)).toEqual(['ZU-FRUEH-geschrieben'])
        expect(await textsOf(kind, ada.participantToken)).toEqual([])
        expectHidden(kind, 'ZU-FRUEH')
      })

      it('answers the catcher’s later POST of the same card with the card already kept', async () => {
        const card = ideaCard(ben.participantId, 'ERST-im-Dokument')
        await sendShared(card)
        await waitFor(async () => (await textsOf(kind, ben.participantToken)).length === 1, {
          what: 'the kept card',
          interval: 50,
        })
        const [kept] = await kind.own(t, boardId, ben.participantToken)
        const answered = await kind.post(
          t,
          boardId,
          ben.participantToken,
          card.props.text,
          refusedCardRequestId(card.id),
        )
        expect(answered).toBe(kept!.id)
        await settled(kind)
        expect(await textsOf(kind, ben.participantToken)).toEqual(['ERST-im-Dokument'])
        expectHidden(kind, 'ERST-im-Dokument')
      })

      it('keeps no second card when the catcher’s POST came first', async () => {
        const card = ideaCard(ben.participantId, 'ERST-per-POST')
        const posted = await kind.post(t, boardId, ben.participantToken, card.props.text, refusedCardRequestId(card.id))
        await sendShared(card)
        await settled(kind)
        const own = (await kind.own(t, boardId, ben.participantToken)).filter((c) => c.text !== 'Markierung')
        expect(own.map((c) => [c.id, c.text])).toEqual([[posted, 'ERST-per-POST']])
        expectHidden(kind, 'ERST-per-POST')
      })

      it('keeps one card when both arrive at the same moment', async () => {
        const cards = Array.from({ length: 5 }, (_, i) => ideaCard(ben.participantId, `GLEICHZEITIG-${i}`))
        await Promise.all(
          cards.flatMap((card) => [
            kind.post(t, boardId, ben.participantToken, card.props.text, refusedCardRequestId(card.id)),
            sendShared(card),
          ]),
        )
        await settled(kind)
        expect((await textsOf(kind, ben.participantToken)).sort()).toEqual(cards.map((c) => c.props.text).sort())
        expectHidden(kind, 'GLEICHZEITIG')
      })

      it('keeps no blank card, and leaves the facilitator’s own cards on the board', async () => {
        const blank = ideaCard(ben.participantId, '   ')
        await sendShared(blank)
        const facilitator = await connectClient(t.url, boardId, workshop.facilitatorToken)
        closeLater.push(facilitator)
        const own = ideaCard(await userIdOf(t.url, workshop.facilitatorToken), 'VON-DER-MODERATION')
        facilitator.records.set(own.id, own)
        await waitFor(() => adaWatch.records.has(own.id), { what: 'the facilitator’s card reaches Ada' })
        await settled(kind)
        expect(await textsOf(kind, ben.participantToken)).toEqual([])
        // Nothing of the facilitator's is held back (the facilitator reads every held-back text).
        const all = await kind.all(t, boardId, workshop.facilitatorToken)
        expect(all.map((card) => card.text)).toEqual(['Markierung'])
        expect(facilitator.has(own.id)).toBe(true)
      })
    })
  }
})
