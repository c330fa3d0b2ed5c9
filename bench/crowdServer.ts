/**
 * Issue 18 — the server and the network under a big plenary: N participants on one board
 * (real y-websocket clients), every cursor moving at 2 Hz and 10 card edits a second, for
 * N = 300, 500 and 1,000, on one instance (SQLite) and on two instances behind Redis with the
 * clients spread over both. Above the crowd threshold the server sends each client a bounded
 * set of cursors (server/src/sync/PresenceRelay.ts), so what a client receives should stay
 * flat as N grows while the server's egress grows with N only.
 *
 * Per run: bytes each client received per second and the server's egress (counted on the
 * clients' sockets), server CPU, memory and event-loop lag per instance, card latency read by
 * probe clients (see docs/performance.md, "Probe clients"), the load generator's own CPU.
 */
import { emit, quick, size } from './lib/benchEnv.ts'
import { runLiveLoad } from './lib/liveLoad.ts'
import { ServerKind } from './lib/peerProcess.ts'
import { missingFor, topologiesToRun } from './lib/topology.ts'

const crowds = (process.env.BENCH_CROWDS ?? (quick ? '12' : '300,500,1000')).split(',').map(Number)
const durationMs = size('DURATION_MS', 20_000, 3000)
/**
 * One simulated person in this many applies the document's updates (and checks that none was
 * lost); the others only receive and count them, as a device's bytes cost the server the same
 * either way (docs/performance.md, "Light clients"). BENCH_APPLY_EVERY=1: all of them apply.
 */
const APPLY_EVERY = size('APPLY_EVERY', 10, 2)

for (const topology of topologiesToRun('sqlite,cluster')) {
  const missing = missingFor(topology)
  for (const clients of crowds) {
    if (missing) {
      emit({ bench: `crowd-server-${clients}`, topology, skipped: missing })
      continue
    }
    const result = await runLiveLoad(ServerKind.pinnwand, {
      clients,
      boards: 1,
      editsPerSecond: 10,
      cursorHz: 2,
      durationMs,
      connectPerSecond: 100,
      drainMs: quick ? 30_000 : 15_000,
      probes: size('PROBES', 8, 2),
      topology,
      applyEvery: APPLY_EVERY,
    })
    emit({
      bench: `crowd-server-${clients}`,
      topology,
      ...result,
      editsPerSecond: 10,
      cursorHz: 2,
      durationS: durationMs / 1000,
      targets: { receivedKBPerClientPerS: 15, egressMBPerSAt500: 8, p99Ms: 50, serverCpuCoresAt1000: 1 },
    })
  }
}
// Timers of the client libraries may linger; the bench ends by itself.
process.exit(0)
