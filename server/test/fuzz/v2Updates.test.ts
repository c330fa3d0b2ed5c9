import { CloseCode, type IdeaCardShape } from '@pinnwand/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openHostileSocket, recordsOf, roomPending, UpdateCrafter } from '../helpers/hostileClient.ts'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  serverRoundTrip,
  startTestServer,
  type TestServer,
  userIdOf,
} from '../helpers/testServer.ts'
import { HOSTILE_MARK } from './hostileUpdates.ts'
import { Prng } from './prng.ts'

const PINNED_SEEDS = [2, 2026]
const seeds = process.env.FUZZ_SEED ? process.env.FUZZ_SEED.split(',').map(Number) : PINNED_SEEDS
const steps = Number(process.env.FUZZ_STEPS ?? 25)

/**
 * y-websocket speaks Yjs' V1 update encoding; a client may send V2 bytes (a client built with
 * another Yjs setup, or an attacker hoping the decoder reads them differently). Seeded V2 updates
 * of every kind — an own card, a rewrite of someone else's card, a delete, pending structs, cut
 * off or bit-flipped — as sync updates and as sync step 2: each must be refused with a clear
 * close code (4400, "not a Yjs V1 update") and change nothing, and honest clients never notice.
 * Before, most were taken as an empty V1 update: nothing applied, and no word to the client.
 */
describe('V2-encoded Yjs updates (issue 12)', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer({ WS_UPDATES_PER_SECOND: '10000', WS_UPDATES_BURST: '10000' })
  })
  afterAll(() => t.stop())

  for (const seed of seeds) {
    it(`seed ${seed}: refused cleanly, nothing changed`, async () => {
      const rng = new Prng(seed)
      const workshop = await createWorkshop(t.url)
      const boardId = workshop.boardIds[0]!
      const ada = await joinParticipant(t.url, workshop, 'Ada')
      const eve = await joinParticipant(t.url, workshop, 'Eve')
      const adaId = await userIdOf(t.url, ada.participantToken)
      const eveId = await userIdOf(t.url, eve.participantToken)
      const honest: BoardClient = await connectClient(t.url, boardId, ada.participantToken)
      try {
        for (let i = 0; i < 3; i++) {
          const card = ideaCard(adaId, `Ada ${i}`)
          honest.records.set(card.id, card as never)
        }
        await serverRoundTrip(honest.provider)
        const room = () => t.server.rooms.getLoaded(boardId)!
        const outcomes: Record<string, number> = {}
        for (let step = 0; step < steps; step++) {
          const attacker = await openHostileSocket(t.url, boardId, eve.participantToken)
          const before = JSON.stringify(recordsOf(room().doc))
          const crafter = new UpdateCrafter(attacker.mirror)
          const own = rng.clientId()
          const kind = rng.pick(['own-card', 'rewrite', 'delete', 'pending', 'cut-off', 'bit-flip'] as const)
          const adaCards = Object.values(recordsOf(attacker.mirror)).filter(
            (r): r is IdeaCardShape => r.typeName === 'shape' && (r as IdeaCardShape).props.authorId === adaId,
          )
          if (kind === 'own-card' || kind === 'cut-off' || kind === 'bit-flip') {
            const card = ideaCard(eveId, `${HOSTILE_MARK} V2 card`)
            crafter.push(own, card.id, card)
          } else if (kind === 'rewrite') {
            const target = rng.pick(adaCards)
            crafter.push(own, target.id, { ...target, props: { ...target.props, text: `${HOSTILE_MARK} V2` } })
          } else if (kind === 'delete') {
            const target = rng.pick(adaCards)
            crafter.as(own, (records) => {
              const index = records.toArray().findIndex((e) => e.key === target.id)
              if (index >= 0) records.delete(index, 1)
            })
          } else {
            const card = ideaCard(eveId, `${HOSTILE_MARK} pending`)
            crafter.ghost(own, (records) => records.push([{ key: 'shape:ghost' as never, val: card as never }]))
            crafter.as(own, (records) => records.push([{ key: card.id, val: card as never }]))
          }
          let update = Y.convertUpdateFormatV1ToV2(crafter.encode())
          if (kind === 'cut-off') update = update.subarray(0, 1 + rng.int(update.length - 1))
          if (kind === 'bit-flip') {
            update = Uint8Array.from(update)
            update[rng.int(update.length)]! ^= 1 << rng.int(8)
          }
          attacker.sendUpdate(update, rng.chance(0.3))
          const code = await attacker.roundTrip()
          const outcome = `${kind}:${code ?? 'open'}`
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
          const where = `seed ${seed} step ${step} (${outcome})`
          // Nothing of it was applied, nothing waits in the room, the server is fine.
          expect(JSON.stringify(recordsOf(room().doc)), where).toBe(before)
          expect(roomPending(t, boardId), where).toEqual({ structs: false, ds: false })
          // Refused with a reason; only a bit flip may turn the bytes into some other (then reviewed) V1 update.
          if (kind === 'bit-flip') expect(code === null || (code >= 4400 && code < 4500), where).toBe(true)
          else expect(code, where).toBe(CloseCode.malformedMessage)
          expect(honest.closes, where).toEqual([])
          attacker.close()
        }
        // The honest participant still writes, and the card arrives.
        const last = ideaCard(adaId, 'Ada after the attacks')
        honest.records.set(last.id, last as never)
        await serverRoundTrip(honest.provider)
        expect(room().records.get(last.id)).toBeDefined()
        console.info(`V2 updates seed ${seed}: ${JSON.stringify(outcomes)}`)
      } finally {
        honest.destroy()
      }
    }, 60_000)
  }
})
