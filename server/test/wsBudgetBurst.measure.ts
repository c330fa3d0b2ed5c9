/**
 * Measures what a burst of 10,000 tiny document updates from one socket does to the server's
 * event loop (issue 12, finding 6). Not a test (timings are not asserted): run it by hand with
 *   node server/test/wsBudgetBurst.measure.ts [count]
 * The server runs in this process, so `monitorEventLoopDelay` sees its loop; the burst's frames
 * are encoded before measuring starts.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { openRecords } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
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

const count = Number(process.argv[2] ?? 10_000)
const t = await startTestServer()
const workshop = await createWorkshop(t.url)
const boardId = workshop.boardIds[0]!
const attacker = await joinParticipant(t.url, workshop, 'Flut')
const honest = await joinParticipant(t.url, workshop, 'Ada')
const bystander = await connectClient(t.url, boardId, honest.participantToken)
const watcher = await connectClient(t.url, boardId, workshop.facilitatorToken)

// The attacker's own card, rewritten `count` times: each rewrite is one small update.
const own = new Y.Doc()
const records = openRecords(own)
const frames: Uint8Array[] = []
own.on('update', (update: Uint8Array) => frames.push(encodeFrame(0, 2, update)))
const card = ideaCard(attacker.participantId, 'x', { author: 'Flut' })
for (let i = 0; i < count; i++) records.set(card.id, { ...card, props: { ...card.props, text: `x${i}` } } as TLRecord)
const bytes = frames.reduce((sum, f) => sum + f.length, 0)

const raw = await openRawSocket(t.url, boardId, attacker.participantToken)
await waitFor(() => raw.received.some((m) => m[0] === 0 && m[1] === 0), { what: 'server sync step 1' })
let closedWith: number | null = null
void raw.closed.then((c) => (closedWith = c.code))

const loop = monitorEventLoopDelay({ resolution: 1 })
loop.enable()
const started = performance.now()
for (const frame of frames) raw.ws.send(frame)
// A bystander writes right behind the burst; how long until the watcher has it?
const probe = ideaCard(honest.participantId, 'probe')
const probeAt = performance.now()
bystander.records.set(probe.id, probe)
await waitFor(() => watcher.has(probe.id), { timeout: 60_000, what: 'probe at watcher' })
const probeMs = performance.now() - probeAt
await waitFor(() => closedWith !== null || watcher.card(card.id)?.props.text === `x${count - 1}`, {
  timeout: 60_000,
  what: 'burst handled',
})
const burstMs = performance.now() - started
loop.disable()

const room = t.server.rooms.getLoaded(boardId)
console.log(
  JSON.stringify({
    updates: count,
    bytes,
    closedWith,
    appliedText: watcher.card(card.id)?.props.text ?? null,
    burstMs: Math.round(burstMs),
    bystanderProbeMs: Math.round(probeMs),
    loopDelayMaxMs: Math.round(loop.max / 1e6),
    loopDelayP99Ms: Math.round(loop.percentile(99) / 1e6),
    roomLoaded: room !== undefined,
  }),
)
bystander.destroy()
watcher.destroy()
raw.ws.close()
await t.stop()
