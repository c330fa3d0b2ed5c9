/**
 * Scenario a — one board, a plenary: 400 real clients, every cursor moving at 2 Hz, 10 card
 * edits per second. The same load against our server, the reference y-websocket server and
 * Hocuspocus, one after the other in this run. Prints one line per server and one with ratios.
 */
import { emit, quick, ratio, size } from './lib/benchEnv.ts'
import { type LiveLoadResult, runLiveLoad } from './lib/liveLoad.ts'
import { ServerKind } from './lib/peerProcess.ts'

const clients = size('CLIENTS', 400, 12)
const options = {
  clients,
  boards: 1,
  editsPerSecond: 10,
  cursorHz: 2,
  durationMs: size('DURATION_MS', 30_000, 4000),
  connectPerSecond: 100,
  drainMs: quick ? 30_000 : 10_000, // quick: the smoke test waits as long as it takes (no timing assertions)
  // Latency is read by a few probe clients in their own process; the rest of the clients are
  // load at lower priority, so their queueing on the two shared cores (each browser in a hall has
  // its own CPU) does not pass for server latency. All clients still count for lost updates,
  // and their own latencies are reported as allClients.
  probes: size('PROBES', 8, 2),
}
/** Beyond this p99 (ms), or with lost updates or timeouts, a server counts as collapsed. */
const COLLAPSE_P99_MS = 1000

const only = process.env.BENCH_SERVERS?.split(',')
const results: Partial<Record<ServerKind, LiveLoadResult>> = {}
for (const kind of [ServerKind.pinnwand, ServerKind.reference, ServerKind.hocuspocus]) {
  if (only && !only.includes(kind)) continue
  const result = await runLiveLoad(kind, options)
  results[kind] = result
  const collapsed = result.problems.length > 0 || !(result.p99Ms <= COLLAPSE_P99_MS)
  emit({
    bench: `plenary-${clients}`,
    ...result,
    editsPerSecond: options.editsPerSecond,
    cursorHz: options.cursorHz,
    durationS: options.durationMs / 1000,
    collapsed,
  })
}
const ours = results.pinnwand
if (ours) {
  const vs = (peer: LiveLoadResult | undefined) =>
    peer && {
      p50: ratio(ours.p50Ms, peer.p50Ms),
      p99: ratio(ours.p99Ms, peer.p99Ms),
      serverCpu: ratio(ours.serverCpuCores, peer.serverCpuCores),
      lostUpdates: [ours.lostUpdates, peer.lostUpdates],
    }
  emit({
    bench: `plenary-${clients}-ratios`,
    note: 'ours / peer (below 1 means ours is lower)',
    vsHocuspocus: vs(results.hocuspocus) ?? null,
    vsReference: vs(results['y-websocket-server']) ?? null,
    targets: { p99Ms: 50, p99VsHocuspocus: 0.25, lostUpdates: 0 },
  })
}
// Timers of the client libraries may linger; the bench ends by itself.
process.exit(0)
