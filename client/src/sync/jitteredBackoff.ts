import type { WebsocketProvider } from 'y-websocket'

export const BACKOFF_BASE_MS = 100
export const BACKOFF_CAP_MS = 10_000

/**
 * The wait before the next reconnect after `failures` failed attempts: a random value between
 * 50 % and 100 % of min(2^(failures+1) × 100 ms, 10 s).
 */
export function jitteredDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(2 ** (failures + 1) * BACKOFF_BASE_MS, BACKOFF_CAP_MS)
  return Math.round(ceiling * (0.5 + random() * 0.5))
}

/**
 * y-websocket waits exactly min(2^n × 100 ms, maxBackoffTime) before reconnecting. When the
 * venue Wi-Fi or the server blinks, all 500 browsers in the hall would then knock again in the
 * same millisecond, every round, and the server restarting under that stampede falls over
 * again. y-websocket has no jitter option, but it reads `maxBackoffTime` right after emitting
 * 'connection-close' (before counting the failure), so lowering that cap to a random share of
 * the next delay spreads the reconnects out.
 */
export function installJitteredBackoff(provider: WebsocketProvider, random: () => number = Math.random): () => void {
  const onClose = () => {
    provider.maxBackoffTime = jitteredDelay(provider.wsUnsuccessfulReconnects, random)
  }
  provider.on('connection-close', onClose)
  return () => provider.off('connection-close', onClose)
}
