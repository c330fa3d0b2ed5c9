/**
 * PDF export of a 2,000-card board, built the way the server builds it (in the export worker
 * thread), while the main thread keeps a 5 ms timer running: its longest late tick is what
 * other boards' sync would feel. Also reports the same build inline, for comparison.
 * Prints one JSON line.
 */
import { buildBoardReport } from '../server/src/export/BoardReport.ts'
import { ExportRunner } from '../server/src/export/ExportRunner.ts'
import { pdfToBuffer } from '../server/src/export/pdf/pdfLayout.ts'
import { buildPdf } from '../server/src/export/pdf/pdfReport.ts'
import { sampleBoard } from '../server/src/export/sampleBoard.ts'

const CARDS = Number(process.env.BENCH_CARDS ?? 2000)
const sample = sampleBoard(CARDS)
const report = buildBoardReport(sample.input)
const job = { report, records: sample.input.records as unknown[], schema: {}, appVersion: 'bench' }

/** Longest delay of a 5 ms interval while `work` runs. */
async function measureBlocking<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; maxBlockMs: number }> {
  let last = performance.now()
  let maxBlockMs = 0
  const timer = setInterval(() => {
    const now = performance.now()
    maxBlockMs = Math.max(maxBlockMs, now - last - 5)
    last = now
  }, 5)
  const start = performance.now()
  const result = await work()
  const ms = performance.now() - start
  clearInterval(timer)
  return { result, ms, maxBlockMs: Math.max(0, maxBlockMs) }
}

const runner = new ExportRunner()
// Warm-up: the worker loads pdfkit and parses the fonts once per process.
await (async () => {
  const small = buildBoardReport(sampleBoard(5).input)
  const stream = await runner.run({ kind: 'board', format: 'pdf', job: { ...job, report: small } })
  for await (const _ of stream);
})()

const worker = await measureBlocking(async () => {
  const stream = await runner.run({ kind: 'board', format: 'pdf', job })
  let bytes = 0
  for await (const chunk of stream) bytes += (chunk as Buffer).length
  return bytes
})
await runner.close()
const inline = await measureBlocking(() => pdfToBuffer(buildPdf(report)))

console.log(
  JSON.stringify({
    bench: `export-pdf-${CARDS}`,
    cards: CARDS,
    ms: Math.round(worker.ms),
    bytes: worker.result,
    maxEventLoopBlockMs: Math.round(worker.maxBlockMs),
    inlineMs: Math.round(inline.ms),
    inlineMaxEventLoopBlockMs: Math.round(inline.maxBlockMs),
  }),
)
