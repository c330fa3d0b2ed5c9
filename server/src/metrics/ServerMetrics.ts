import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { RoomEvent } from '../sync/BoardRoom.ts'

/** What the metrics read when scraped (no sockets or rooms in here, just numbers). */
export interface MetricSources {
  connections(): number
  boardsLoaded(): number
  relayUp(): boolean
}

/**
 * The server's Prometheus metrics, in a registry of its own (several servers may run in one
 * process, as in tests). Event-loop lag and process figures come from prom-client's default
 * collectors (`nodejs_eventloop_lag_*`, based on perf_hooks.monitorEventLoopDelay).
 */
export class ServerMetrics {
  readonly registry = new Registry()
  private readonly updates: Counter
  private readonly tickSeconds: Histogram
  private readonly persistLagSeconds: Histogram
  private readonly refusals: Counter
  readonly rateLimited: Counter
  readonly connectionsRefused: Counter<'reason'>

  constructor(sources: MetricSources) {
    const registers = [this.registry]
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 })
    new Gauge({
      name: 'pinnwand_ws_connections',
      help: 'Open WebSocket connections to boards.',
      registers,
      collect() {
        this.set(sources.connections())
      },
    })
    new Gauge({
      name: 'pinnwand_boards_loaded',
      help: 'Boards loaded in memory on this instance.',
      registers,
      collect() {
        this.set(sources.boardsLoaded())
      },
    })
    new Gauge({
      name: 'pinnwand_relay_up',
      help: '1 when the scale-out relay (Redis) is connected, or when running alone; 0 otherwise.',
      registers,
      collect() {
        this.set(sources.relayUp() ? 1 : 0)
      },
    })
    this.updates = new Counter({
      name: 'pinnwand_updates_applied_total',
      help: 'Document updates applied and persisted (client edits and server changes); rate() gives updates/s.',
      registers,
    })
    this.tickSeconds = new Histogram({
      name: 'pinnwand_tick_duration_seconds',
      help: 'Duration of a board tick: merge, persist, broadcast.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    })
    this.persistLagSeconds = new Histogram({
      name: 'pinnwand_persist_lag_seconds',
      help: 'Time from receiving an update to having it persisted (includes the tick window).',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    })
    this.refusals = new Counter({
      name: 'pinnwand_changes_refused_total',
      help: 'Record changes refused by the server (permissions, validation).',
      registers,
    })
    this.rateLimited = new Counter({
      name: 'pinnwand_http_rate_limited_total',
      help: 'HTTP API requests answered 429 (requests per token).',
      registers,
    })
    this.connectionsRefused = new Counter({
      name: 'pinnwand_ws_closed_by_limit_total',
      help: 'WebSocket connections refused or dropped by a limit (connections per address, slow client).',
      labelNames: ['reason'],
      registers,
    })
  }

  /** Feeds room events (RoomManager.onRoomEvent). */
  observe(event: RoomEvent): void {
    if (event.type === 'flushed') {
      if (event.updates > 0) this.updates.inc(event.updates)
      this.tickSeconds.observe(event.durationMs / 1000)
      if (event.persistLagMs !== null) this.persistLagSeconds.observe(event.persistLagMs / 1000)
    } else if (event.type === 'refused') this.refusals.inc()
  }

  render(): Promise<string> {
    return this.registry.metrics()
  }

  get contentType(): string {
    return this.registry.contentType
  }
}
