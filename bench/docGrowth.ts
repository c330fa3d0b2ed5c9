/**
 * Scenario f — document growth: a one-hour session of 200 people, compressed in time. Each
 * person types 4 cards keystroke by keystroke (one record write each, as the web app writes
 * them), drags cards 10 times (12 frames each), edits their own cards twice and deletes one
 * card; about 20 people are active at a time. Then the board's encoded Yjs document is
 * compared with the JSON of its live records (target: at most 3×).
 */
import * as Y from 'yjs'
import { emit, quick, size } from './lib/benchEnv.ts'
import { openBoard } from './lib/populateBoard.ts'
import { monotonicMs, round } from './lib/stats.ts'
import { startTarget } from './lib/targets.ts'
import type { PersonScript } from './load/growthLoad.ts'
import { LoadGenerator } from './load/LoadGenerator.ts'

const PERSONS = size('CLIENTS', 200, 10)
const CONCURRENT = quick ? 4 : 20
const script: PersonScript = quick
  ? { cards: 2, charsPerCard: 12, drags: 3, framesPerDrag: 5, edits: 1, keystrokesPerEdit: 4, deletes: 1 }
  : { cards: 4, charsPerCard: 40, drags: 10, framesPerDrag: 12, edits: 2, keystrokesPerEdit: 8, deletes: 1 }
const STEP_MS = 20

const target = await startTarget('pinnwand', { clients: PERSONS })
const { server, workshop } = target.pinnwand!
const workers = Math.min(4, LoadGenerator.workersFor(CONCURRENT, 10))
const load = new LoadGenerator(workers)
try {
  const shares = load.split(target.specs)
  const started = monotonicMs()
  const deadlineAt = started + (quick ? 3 : 12) * 60_000
  const reports = await load.all(
    'growth',
    (w) => ({ persons: shares[w]!, script, concurrency: Math.ceil(CONCURRENT / workers), stepMs: STEP_MS, deadlineAt }),
    20 * 60_000,
  )
  const sessionSeconds = (monotonicMs() - started) / 1000
  const writes = reports.reduce((n, r) => n + r.writes, 0)
  const failedPersons = reports.reduce((n, r) => n + r.failedPersons, 0)
  const skippedPersons = reports.reduce((n, r) => n + r.skippedPersons, 0)
  const cardsCreated = reports.reduce((n, r) => n + r.cardsCreated, 0)
  const cardsDeleted = reports.reduce((n, r) => n + r.cardsDeleted, 0)

  const reader = await openBoard(server.url, workshop.boardIds[0]!, workshop.facilitatorToken)
  const docBytes = Y.encodeStateAsUpdate(reader.doc).byteLength
  const live = [...reader.records.map.values()].map((e) => e.val)
  const jsonBytes = Buffer.byteLength(JSON.stringify(live))
  const ideaCards = live.filter((r) => (r as { type?: string }).type === 'idea-card').length
  reader.destroy()
  emit({
    bench: `doc-growth-${PERSONS}`,
    persons: PERSONS,
    script,
    recordWrites: writes,
    compressedSessionS: round(sessionSeconds),
    liveRecords: live.length,
    ideaCards,
    // created minus deleted by the simulated people: what the board should hold
    expectedIdeaCards: cardsCreated - cardsDeleted,
    docBytes,
    liveJsonBytes: jsonBytes,
    docToJsonRatio: round(docBytes / jsonBytes, 2),
    failedPersons,
    // people who never started because the session ran past its time limit (a starved machine)
    skippedPersons,
    targets: { docToJsonRatio: 3 },
  })
} finally {
  await load.close()
  await target.stop()
}
process.exit(0)
