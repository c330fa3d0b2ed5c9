import { ErrorCode } from '@pinnwand/shared'
import type { FastifyInstance } from 'fastify'
import { isLocalRequest } from '../http/abuseGuards.ts'
import type { ServerMetrics } from './ServerMetrics.ts'

export interface HealthState {
  /** Set at the start of a graceful shutdown: load balancers should stop sending new clients. */
  draining: boolean
  storeUp(): Promise<boolean>
  relayUp(): boolean
}

/** A store that does not answer in this time counts as down (a dead network hangs, not fails). */
const PING_TIMEOUT_MS = 2000

/**
 * Liveness (`/livez`: the process answers), readiness (`/readyz`: store reachable, migrations
 * done — they run before the server listens — and not shutting down), and `/metrics`
 * (Prometheus text format: with `METRICS_TOKEN` for whoever sends it, without only for this
 * machine — the figures tell an outsider how busy which boards are and when a server is weak).
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: { health: HealthState; metrics: ServerMetrics; metricsToken: string | undefined; trustProxy: boolean },
): void {
  const { health, metrics, metricsToken, trustProxy } = deps

  app.get('/livez', async () => ({ status: 'ok' }))

  app.get('/readyz', async (_request, reply) => {
    const store = await withTimeout(health.storeUp(), PING_TIMEOUT_MS, false)
    const relay = health.relayUp()
    const checks = {
      store: store ? 'ok' : 'unavailable',
      relay: relay ? 'ok' : 'unavailable',
      draining: health.draining,
    }
    // A relay outage does not make an instance unready: it still serves its own clients
    // correctly, and resyncs when Redis is back. Taking every instance out would be worse.
    const ready = store && !health.draining
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : health.draining ? 'draining' : 'unavailable', checks })
  })

  app.get('/metrics', async (request, reply) => {
    if (metricsToken && request.headers.authorization !== `Bearer ${metricsToken}`) {
      return reply
        .code(401)
        .send({ error: { code: ErrorCode.unauthorized, message: 'Send Authorization: Bearer <METRICS_TOKEN>.' } })
    }
    if (!metricsToken && !isLocalRequest(request, trustProxy)) {
      return reply.code(403).send({
        error: {
          code: ErrorCode.forbidden,
          message: 'Metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere.',
        },
      })
    }
    const text = await metrics.render()
    return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(text)
  })
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      () => {
        clearTimeout(timer)
        resolve(fallback)
      },
    )
  })
}
