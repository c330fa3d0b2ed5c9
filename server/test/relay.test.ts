import { callApi } from '@pinnwand/shared/contract/callApi'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import * as votingRoutes from '@pinnwand/shared/votingRoutes'
import { afterAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { twoInstances } from './helpers/twoInstances.ts'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  type TestServer,
  userIdOf,
  watchBoardState,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { boardWithIdeas, openRound, participants, vote } from './votingHelpers.ts'

const databaseUrl = process.env.DATABASE_URL
const redisUrl = process.env.REDIS_URL

/**
 * Two real server instances (in this process, each with its own Redis connections and database
 * pool) on one PostgreSQL database and one Redis: what a client does on one reaches the other.
 */
describe.skipIf(!databaseUrl || !redisUrl)(
  'scale-out: two instances on PostgreSQL + Redis (DATABASE_URL, REDIS_URL)',
  () => {
    const clients: BoardClient[] = []
    const connect = async (server: TestServer, boardId: string, token: string, params: Record<string, string> = {}) => {
      const client = await connectClient(server.url, boardId, token, { params })
      clients.push(client)
      return client
    }
    /** A client on the state channel (closed after the suite). */
    const watchOn = async (server: TestServer, boardId: string, token: string) => {
      const watcher = await watchBoardState(server.url, boardId, token)
      clients.push(watcher.client)
      return watcher
    }

    const { a, b } = twoInstances('relay', { COMPACT_EVERY: '7' })
    afterAll(async () => {
      for (const client of clients) client.destroy()
    })

    it('a client on A and one on B converge: cards, edits, deletes, presence', async () => {
      const workshop = await createWorkshop(a.url)
      const boardId = workshop.boardIds[0]!
      const ada = await joinParticipant(a.url, workshop, 'Ada')
      const bob = await joinParticipant(b.url, workshop, 'Bob')
      const onA = await connect(a, boardId, ada.participantToken)
      const onB = await connect(b, boardId, bob.participantToken)

      const fromA = Array.from({ length: 20 }, (_, i) => ideaCard(ada.participantId, `A ${i}`))
      const fromB = Array.from({ length: 20 }, (_, i) => ideaCard(bob.participantId, `B ${i}`))
      for (let i = 0; i < 20; i++) {
        onA.records.set(fromA[i]!.id, fromA[i]!)
        onB.records.set(fromB[i]!.id, fromB[i]!)
      }
      const all = [...fromA, ...fromB].map((c) => c.props.text).sort()
      await waitFor(() => onA.texts().length === 40 && onB.texts().length === 40, { what: 'both sides have 40 cards' })
      expect(onA.texts()).toEqual(all)
      expect(onB.texts()).toEqual(all)

      // An edit on B and a delete on B reach A; a server-side API change on A reaches B.
      const edited = { ...fromB[0]!, props: { ...fromB[0]!.props, text: 'B 0 bearbeitet' } }
      onB.records.set(edited.id, edited)
      onB.records.delete(fromB[1]!.id)
      const viaApi = await callRoute(a.url, ideaRoutes.createIdea, {
        params: { boardId },
        token: workshop.facilitatorToken,
        body: { text: 'Über die API auf A' },
      })
      expect(viaApi.status).toBe(201)
      await waitFor(() => onA.card(edited.id)?.props.text === 'B 0 bearbeitet' && !onA.has(fromB[1]!.id), {
        what: 'edit and delete from B on A',
      })
      await waitFor(() => onB.texts().includes('Über die API auf A'), { what: 'API card from A on B' })

      // Presence: B's client sees A's cursor, and the removal when A's client leaves.
      onA.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#f00' })
      const adaId = onA.doc.clientID
      await waitFor(
        () =>
          (onB.provider.awareness.getStates().get(adaId) as { user?: { name: string } } | undefined)?.user?.name ===
          'Ada',
        { what: "Ada's presence on B" },
      )
      onA.provider.disconnect()
      await waitFor(() => !onB.provider.awareness.getStates().has(adaId), { what: "Ada's presence gone on B" })

      // A client that comes later, on either instance, loads everything from the shared store.
      const late = await connect(b, boardId, workshop.facilitatorToken)
      expect(late.texts()).toEqual(onB.texts())
    })

    it('someone already on A is seen by the first person to open the board on B, without moving', async () => {
      const workshop = await createWorkshop(a.url)
      const boardId = workshop.boardIds[0]!
      const ada = await joinParticipant(a.url, workshop, 'Ada')
      const bob = await joinParticipant(b.url, workshop, 'Bob')
      const onA = await connect(a, boardId, ada.participantToken)
      onA.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#f00' })
      // Published while B has no room for this board: B drops it. Ada does not move again.
      await new Promise((resolve) => setTimeout(resolve, 300))
      const onB = await connect(b, boardId, bob.participantToken)
      const adaId = onA.doc.clientID
      // Well before the awareness renewal (15 s): B asked A to announce its people again.
      await waitFor(
        () =>
          (onB.provider.awareness.getStates().get(adaId) as { user?: { name: string } } | undefined)?.user?.name ===
          'Ada',
        { what: "Ada's presence on B", timeout: 5_000 },
      )
    })

    it('compaction on both instances keeps every card (the log is shared)', async () => {
      const workshop = await createWorkshop(a.url)
      const boardId = workshop.boardIds[0]!
      const onA = await connect(a, boardId, workshop.facilitatorToken)
      const onB = await connect(b, boardId, workshop.facilitatorToken)
      // COMPACT_EVERY is 7: both instances compact many times while the other keeps appending.
      const me = await userIdOf(a.url, workshop.facilitatorToken)
      const cards = Array.from({ length: 60 }, (_, i) => ideaCard(me, `K ${String(i).padStart(2, '0')}`))
      for (const [i, card] of cards.entries()) {
        ;(i % 2 === 0 ? onA : onB).records.set(card.id, card)
        if (i % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 25))
      }
      const texts = cards.map((c) => c.props.text).sort()
      await waitFor(() => onA.texts().length === 60 && onB.texts().length === 60, { what: 'all cards on both' })
      for (const c of [onA, onB]) c.destroy()
      // Both rooms unload (final compaction each), then a fresh load reads snapshot + log.
      await waitFor(() => !a.server.rooms.getLoaded(boardId) && !b.server.rooms.getLoaded(boardId), {
        what: 'rooms unloaded',
      })
      const fresh = await connect(a, boardId, workshop.facilitatorToken)
      expect(fresh.texts()).toEqual(texts)
    })

    it('votes taken on different instances add up exactly; progress reaches clients on both', async () => {
      const board = await boardWithIdeas(a.server, 3)
      const watchers = {
        a: await watchOn(a, board.boardId, board.workshop.facilitatorToken),
        b: await watchOn(b, board.boardId, board.workshop.facilitatorToken),
      }
      const progress = {
        get a() {
          return (watchers.a.latest().round as Record<string, unknown> | null | undefined) ?? null
        },
        get b() {
          return (watchers.b.latest().round as Record<string, unknown> | null | undefined) ?? null
        },
      }
      const roundId = await openRound(b.url, board, { dotsPerParticipant: 3 })
      await waitFor(() => progress.a?.status === 'open' && progress.b?.status === 'open', {
        what: 'open round on both',
      })

      const voters = await participants(a.url, board.workshop, 24)
      // Every voter places 3 dots, alternating instances tap by tap, all at once.
      const taps = voters.flatMap((token, v) =>
        [0, 1, 2].map((d) => vote(d % 2 === v % 2 ? a.url : b.url, token, roundId, board.ideaIds[(v + d) % 3]!)),
      )
      const answers = await Promise.all(taps)
      expect(answers.every((r) => r.status === 200)).toBe(true)

      await waitFor(() => progress.a?.totalVotes === 72 && progress.b?.totalVotes === 72, {
        what: 'progress 72 on both instances',
      })
      expect(progress.a?.voters).toBe(24)
      expect(progress.b?.voters).toBe(24)
      const results = await callApi(
        votingRoutes.roundResults,
        { params: { roundId }, token: board.workshop.facilitatorToken },
        { baseUrl: b.url },
      )
      expect(results.totalVotes).toBe(72)
      expect(results.ranking.map((r) => r.votes)).toEqual([24, 24, 24])
    })

    it('lock and phase set through A reach clients on B', async () => {
      const workshop = await createWorkshop(a.url)
      const boardId = workshop.boardIds[0]!
      const onB = await watchOn(b, boardId, workshop.facilitatorToken)
      const lock = await callRoute(a.url, boardRoutes.setBoardLock, {
        params: { boardId },
        token: workshop.facilitatorToken,
        body: { locked: true },
      })
      expect(lock.status).toBe(200)
      await waitFor(() => onB.latest().locked === true, { what: 'lock on B' })
      await callApi(
        boardRoutes.setBoardPhase,
        { params: { boardId }, token: workshop.facilitatorToken, body: { phase: 'cluster' } },
        { baseUrl: a.url },
      )
      await waitFor(() => onB.latest().phase === 'cluster', { what: 'phase on B' })
      // B enforces the lock for its own participants too.
      const ada = await joinParticipant(b.url, workshop, 'Ada')
      const writer = await connect(b, boardId, ada.participantToken)
      const card = ideaCard(ada.participantId, 'trotz Sperre')
      writer.records.set(card.id, card)
      await waitFor(() => !writer.has(card.id), { what: 'refused while locked' })
      expect(onB.client.has(card.id)).toBe(false)
    })
  },
)
