/**
 * Scenario b — one process, many tables: 1,000 connections over 25 boards (40 per board), every
 * cursor moving at 2 Hz, one card edit per board per second. The figure that matters is the
 * server's CPU (from /proc, averaged over the measured window): below one core. The same load
 * runs against the two peers for comparison.
 */
import { emit, quick, ratio, size } from './lib/benchEnv.ts'
import { type LiveLoadResult, runLiveLoad } from './lib/liveLoad.ts'
import { ServerKind } from './lib/peerProcess.ts'

const clients = size('CLIENTS', 1000, 40)
const boards = size('BOARDS', 25, 4)
const options = {
  clients,
  boards,
  editsPerSecond: boards,
  cursorHz: 2,
  durationMs: size('DURATION_MS', 20_000, 4000),
  connectPerSecond: 100,
  drainMs: quick ? 30_000 : 10_000, // quick: the smoke test waits as long as it takes (no timing assertions)
  // Latency is read by a few probe clients in their own process; the rest of the clients are
  // load at lower priority, so their queueing on the two shared cores (each browser in a hall has
  // its own CPU) does not pass for server latency. All clients still count for lost updates,
  // and their own latencies are reported as allClients.
  probes: size('PROBES', 25, 2),
}

const only = process.env.BENCH_SERVERS?.split(',')
const results: Partial<Record<ServerKind, LiveLoadResult>> = {}
for (const kind of [ServerKind.pinnwand, ServerKind.reference, ServerKind.hocuspocus]) {
  if (only && !only.includes(kind)) continue
  const result = await runLiveLoad(kind, options)
  results[kind] = result
  emit({
    bench: `many-boards-${clients}`,
    ...result,
    editsPerSecond: options.editsPerSecond,
    cursorHz: options.cursorHz,
    durationS: options.durationMs / 1000,
  })
}
const ours = results.pinnwand
if (ours) {
  emit({
    bench: `many-boards-${clients}-ratios`,
    note: 'ours / peer (below 1 means ours is lower)',
    serverCpuVsHocuspocus: ratio(ours.serverCpuCores, results.hocuspocus?.serverCpuCores ?? NaN),
    serverCpuVsReference: ratio(ours.serverCpuCores, results['y-websocket-server']?.serverCpuCores ?? NaN),
    p99VsHocuspocus: ratio(ours.p99Ms, results.hocuspocus?.p99Ms ?? NaN),
    p99VsReference: ratio(ours.p99Ms, results['y-websocket-server']?.p99Ms ?? NaN),
    targets: { serverCpuCores: 1 },
  })
}
process.exit(0)
