/**
 * Turns the JSON lines of `pnpm bench` into the results table of docs/performance.md:
 * `pnpm -s bench > results.jsonl && node bench/report.ts results.jsonl`.
 */
import { readFileSync } from 'node:fs'

type Line = Record<string, any> & { bench: string }

const file = process.argv[2]
if (!file) {
  console.error('usage: node bench/report.ts <results.jsonl>')
  process.exit(2)
}
const lines: Line[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('{'))
  .map((l) => JSON.parse(l) as Line)

const find = (prefix: string, server?: string) =>
  lines.find(
    (l) => l.bench.startsWith(prefix) && !l.bench.endsWith('-ratios') && (server === undefined || l.server === server),
  )
const fmt = (n: unknown, unit = '') => (typeof n === 'number' && Number.isFinite(n) ? `${n}${unit}` : '–')
const ratio = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' && b > 0 ? `${Number((a / b).toPrecision(2))}` : '–'
const errors = lines.filter((l) => l.error)

const rows: string[][] = []
const row = (...cells: string[]) => rows.push(cells)
const servers = ['pinnwand', 'y-websocket-server', 'hocuspocus'] as const

function liveRows(prefix: string, label: string, targets: { p99: string; cpu: string }) {
  const [ours, ref, hp] = servers.map((s) => find(prefix, s))
  if (!ours && !ref && !hp) return
  const cell = (l: Line | undefined, f: (l: Line) => string) =>
    l ? f(l) + (l.collapsed || l.problems?.length ? ' ⚠' : '') : '–'
  const probes = (l: Line | undefined) => (l?.allClients ? `, ${l.measuringClients} probes` : '')
  row(
    `${label}: edit latency p50 / p95 / p99${probes(ours)}`,
    targets.p99,
    ...[ours, ref, hp].map((l) => cell(l, (x) => `${fmt(x.p50Ms)} / ${fmt(x.p95Ms)} / ${fmt(x.p99Ms)} ms`)),
    `p99 ${ratio(ours?.p99Ms, hp?.p99Ms)}`,
    `p99 ${ratio(ours?.p99Ms, ref?.p99Ms)}`,
  )
  if (ours?.allClients || hp?.allClients) {
    row(
      `${label}: the same over all clients (load queueing included)`,
      '',
      ...[ours, ref, hp].map((l) =>
        cell(l, (x) =>
          x.allClients
            ? `${fmt(x.allClients.p50Ms)} / ${fmt(x.allClients.p95Ms)} / ${fmt(x.allClients.p99Ms)} ms`
            : '–',
        ),
      ),
      `p99 ${ratio(ours?.allClients?.p99Ms, hp?.allClients?.p99Ms)}`,
      `p99 ${ratio(ours?.allClients?.p99Ms, ref?.allClients?.p99Ms)}`,
    )
  }
  row(
    `${label}: lost updates (of deliveries expected)`,
    '0',
    ...[ours, ref, hp].map((l) => cell(l, (x) => `${fmt(x.lostUpdates)} (${fmt(x.expectedSamples)})`)),
    '',
    '',
  )
  row(
    `${label}: presence messages / cursor states per client per s`,
    '',
    ...[ours, ref, hp].map((l) =>
      cell(l, (x) => `${fmt(x.awarenessUpdatesPerClientPerS)} / ${fmt(x.cursorStatesPerClientPerS)}`),
    ),
    '',
    '',
  )
  row(
    `${label}: server CPU (cores) · load generator CPU`,
    targets.cpu,
    ...[ours, ref, hp].map((l) => cell(l, (x) => `${fmt(x.serverCpuCores)} · ${fmt(x.loadGenCpuCores)}`)),
    ratio(ours?.serverCpuCores, hp?.serverCpuCores),
    ratio(ours?.serverCpuCores, ref?.serverCpuCores),
  )
  if (ours?.serverTickP99Ms !== undefined) {
    row(
      `${label}: ours — tick p99 / persist lag p99 / event-loop lag p99`,
      '',
      `≤ ${fmt(ours.serverTickP99Ms)} / ≤ ${fmt(ours.serverPersistLagP99Ms)} / ${fmt(ours.serverEventLoopLagP99Ms)} ms`,
      '',
      '',
      '',
      '',
    )
  }
}

liveRows('plenary-', 'a. plenary, 400 on one board', { p99: 'p99 ≤ 50 ms and ≤ ¼ of Hocuspocus', cpu: '' })
liveRows('many-boards-', 'b. 1,000 over 25 boards', { p99: '', cpu: '< 1 core' })

const vote = find('dot-voting-')
if (vote) {
  row(
    'c. 300 × 5 dots in 5 s: lost / duplicated votes (confirmed)',
    '0 / 0',
    `${vote.lostVotes} / ${vote.duplicatedVotes} (${vote.confirmedVotes ?? vote.totalVotes})`,
    'n/a',
    'n/a',
    '',
    '',
  )
  row(
    'c. vote API p50 / p99',
    'p99 ≤ 100 ms',
    `${fmt(vote.voteApiP50Ms)} / ${fmt(vote.voteApiP99Ms)} ms`,
    'n/a',
    'n/a',
    '',
    '',
  )
}
const cold = find('cold-load-')
if (cold) {
  row(
    `d. cold load of ${cold.cards} cards: socket → first sync (server's own load time)`,
    '≤ 100 ms',
    `${fmt(cold.readyMs)} ms (${fmt(cold.serverLoadMs)} ms)`,
    'n/a',
    'n/a',
    '',
    '',
  )
  row(
    'd. server heap of the loaded board',
    '≤ 30 MB',
    `${fmt(cold.boardHeapMB)} MB (document ${fmt(Math.round(cold.docBytes / 1024))} kB)`,
    'n/a',
    'n/a',
    '',
    '',
  )
}
const browser = find('browser-load-')
if (browser)
  row(
    'd. browser: cards drawn / time to interactive',
    '≤ 2 s',
    `${fmt(browser.cardsDrawnMs)} / ${fmt(browser.interactiveMs)} ms`,
    'n/a',
    'n/a',
    '',
    '',
  )
const reconnect = find('reconnect-')
if (reconnect)
  row(
    `e. ${reconnect.clients} clients after a restart: all resynced (p50), after the server listens`,
    '≤ 10 s',
    `${fmt(reconnect.allResyncedAfterReadyMs)} ms (${fmt(reconnect.p50ResyncAfterReadyMs)} ms); restart ${fmt(reconnect.restartMs)} ms; ${fmt(reconnect.lostUpdatesAfterRestart)} lost`,
    'n/a',
    'n/a',
    '',
    '',
  )
const growth = find('doc-growth-')
if (growth)
  row(
    `f. ${growth.persons}-person hour: encoded document / JSON of live records`,
    '≤ 3×',
    `${fmt(growth.docToJsonRatio)}× (${fmt(Math.round(growth.docBytes / 1024))} kB / ${fmt(Math.round(growth.liveJsonBytes / 1024))} kB, ${growth.recordWrites} writes)`,
    'n/a',
    'n/a',
    '',
    '',
  )
const js = find('initial-js')
if (js)
  row(
    'g. initial JavaScript of the participant page: gzip (as sent, brotli)',
    '≤ 700 kB',
    `${fmt(js.gzipKB)} kB (${fmt(js.transferredKB)} kB) in ${js.files} files`,
    'n/a',
    'n/a',
    '',
    '',
  )
const card = find('card-to-second-client')
if (card)
  row(
    'card to a second client, nothing else going on: p50 / p99',
    '',
    `${fmt(card.p50Ms)} / ${fmt(card.p99Ms)} ms`,
    '',
    '',
    '',
    '',
  )
const pdf = find('export-pdf-')
if (pdf)
  row(
    `PDF export of ${pdf.cards} cards (worker): time / longest event-loop block`,
    '',
    `${fmt(pdf.ms)} / ${fmt(pdf.maxEventLoopBlockMs)} ms`,
    'n/a',
    'n/a',
    '',
    '',
  )

const loads = lines.map((l) => l.machineLoad1m).filter((n): n is number => typeof n === 'number')
console.log(
  '| figure | target | Pinnwand | y-websocket-server 0.1.1 | Hocuspocus 4.7.0 | ours / Hocuspocus | ours / reference |',
)
console.log('|---|---|---|---|---|---|---|')
for (const cells of rows) console.log(`| ${cells.join(' | ')} |`)
console.log(
  `\n⚠ = the server collapsed or problems were reported (see the JSON line). Machine load (1-min average) while measuring: ${Math.min(...loads)}–${Math.max(...loads)} on 2 cores.`,
)
for (const e of errors) console.log(`\n${e.bench}: ${e.error}`)
