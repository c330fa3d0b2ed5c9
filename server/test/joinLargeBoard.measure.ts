/**
 * Measures what joins of a large board cost the event loop (issue 12: "joins of a large board do
 * not block the loop for seconds"). Not a test (timings are not asserted): run it by hand with
 *   node server/test/joinLargeBoard.measure.ts [cards] [textBytes] [joiners]
 * Each joiner sends sync step 1 with an empty state vector, as a fresh browser does, and gets
 * the whole document; all of them at once, as after a server restart.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import {
  connectClient,
  createWorkshop,
  encodeFrame,
  ideaCard,
  joinParticipant,
  openRawSocket,
  startTestServer,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

const cards = Number(process.argv[2] ?? 5000)
const textBytes = Number(process.argv[3] ?? 1000)
const joiners = Number(process.argv[4] ?? 30)

const t = await startTestServer()
const workshop = await createWorkshop(t.url)
const boardId = workshop.boardIds[0]!
const author = await joinParticipant(t.url, workshop, 'Ada')
const watcher = await connectClient(t.url, boardId, workshop.facilitatorToken)
const room = t.server.rooms.getLoaded(boardId)!
for (let done = 0; done < cards; done += 500) {
  await room.change((records) => {
    for (let i = done; i < Math.min(cards, done + 500); i++) {
      const card = ideaCard(author.participantId, `${i} ${'x'.repeat(textBytes)}`)
      records.set(card.id, card)
    }
  })
}
let started = performance.now()
const encodedBytes = Y.encodeStateAsUpdate(room.doc).byteLength
const encodeMs = performance.now() - started

const sockets = await Promise.all(
  Array.from({ length: joiners }, () => openRawSocket(t.url, boardId, author.participantToken)),
)
await Promise.all(
  sockets.map((raw) => waitFor(() => raw.received.some((m) => m[0] === 0 && m[1] === 0), { what: 'step 1' })),
)
const loop = monitorEventLoopDelay({ resolution: 1 })
loop.enable()
started = performance.now()
const empty = encodeFrame(0, 0, Y.encodeStateVector(new Y.Doc()))
for (const raw of sockets) raw.ws.send(empty)
await waitFor(() => sockets.every((raw) => raw.received.some((m) => m[0] === 0 && m[1] === 1)), {
  timeout: 120_000,
  what: 'every joiner has the board',
})
const allJoinedMs = performance.now() - started
loop.disable()

console.log(
  JSON.stringify({
    cards,
    documentBytes: encodedBytes,
    encodeStateAsUpdateMs: Math.round(encodeMs),
    joiners,
    allJoinedMs: Math.round(allJoinedMs),
    loopDelayMaxMs: Math.round(loop.max / 1e6),
  }),
)
for (const raw of sockets) raw.ws.close()
watcher.destroy()
await t.stop()
