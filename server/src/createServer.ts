import type { AddressInfo } from 'node:net'
import { getBoardSchema } from '@pinnwand/shared'
import { readFileSync } from 'node:fs'
import type { Logger } from 'pino'
import { resolveAdminToken } from './auth/adminToken.ts'
import type { Config } from './config.ts'
import { featureRoomGuards, features, type FeatureStores, featureStores } from './features/index.ts'
import {
  ApiDescriptions,
  BoardDocumentReaders,
  BoardExtrasSources,
  ParticipantNameRewrites,
} from './features/coreHooks.ts'
import { FeatureServices } from './features/FeatureServices.ts'
import type { FeatureContext, ServerFeature } from './features/ServerFeature.ts'
import { buildHttpApp } from './http/buildHttpApp.ts'
import { createRateLimitHook } from './limits/rateLimitHook.ts'
import { createLogger } from './logging.ts'
import { type HealthState, registerHealthRoutes } from './metrics/healthRoutes.ts'
import { ServerMetrics } from './metrics/ServerMetrics.ts'
import type { Redis } from 'ioredis'
import type { BoardRelay } from './relay/BoardRelay.ts'
import { relaySecret } from './relay/relaySeal.ts'
import { openStore } from './store/openStore.ts'
import type { Store } from './store/Store.ts'
import { RoomManager } from './sync/RoomManager.ts'
import { createWsGateway } from './sync/wsGateway.ts'

export interface RunningServer {
  url: string
  port: number
  store: Store & FeatureStores
  rooms: RoomManager
  /** What the features provide (e.g. `services.get(VotingRuntime)` in tests). */
  services: FeatureServices
  logger: Logger
  /** Scale-out relay (REDIS_URL), if any. */
  relay: BoardRelay | undefined
  health: HealthState
  /** Graceful: closes sockets, flushes and compacts every board, closes the store. */
  close(): Promise<void>
}

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version

/** Wires store, rooms, WebSocket gateway and HTTP app, and starts listening. */
export async function createServer(
  startConfig: Config,
  logger: Logger = createLogger(startConfig.logLevel),
): Promise<RunningServer> {
  // Secure by default: without ADMIN_TOKEN one is made and kept in the data directory.
  const config: Config = {
    ...startConfig,
    adminToken: resolveAdminToken(startConfig.adminToken, startConfig.adminTokenFile, logger),
  }
  // The features' stores (features/index.ts) on the same database and connection pool.
  const store = await openStore(
    { databaseUrl: config.databaseUrl, databasePoolMax: config.databasePoolMax, dataDir: config.dataDir },
    featureStores,
  )
  // The list, typed loosely: each feature gets back the service its own `start` returned.
  const installed = features as readonly ServerFeature<object, unknown>[]
  const schema = getBoardSchema()
  // REDIS_URL: several instances serve the same boards (docs/operations.md).
  let relay: BoardRelay | undefined
  let redis: Redis | undefined
  if (config.redisUrl) {
    const { RedisRelay } = await import('./relay/RedisRelay.ts')
    const redisRelay = await RedisRelay.connect({
      url: config.redisUrl,
      logger,
      heartbeatMs: config.relayHeartbeatMs,
      secret: relaySecret(config),
    })
    relay = redisRelay
    redis = redisRelay.commandConnection
  }
  // The features that review client writes to the board document, in every room.
  const rooms = new RoomManager(store, schema, {
    relay,
    tickMs: config.tickMs,
    awarenessMs: config.awarenessMs,
    crowdPresence: config.crowdPresence,
    compactEvery: config.compactEvery,
    maxDocumentBytes: config.maxDocumentBytes,
    idleUnloadMs: config.idleUnloadMs,
    guards: featureRoomGuards,
    logger,
  })
  const health: HealthState = { draining: false, storeUp: () => store.ping(), relayUp: () => relay?.up ?? true }
  const metrics = new ServerMetrics({
    connections: () => gateway.connectionCount,
    boardsLoaded: () => rooms.loadedCount,
    relayUp: health.relayUp,
  })
  rooms.onRoomEvent((_boardId, event) => metrics.observe(event))
  const gateway = createWsGateway({
    store,
    rooms,
    logger,
    limits: {
      connectionsPerIp: config.connectionsPerIp,
      trustProxy: config.trustProxy,
      slowClientBytes: config.slowClientBytes,
      connectionBudget: config.connectionBudget,
      onRefused: (reason) => metrics.connectionsRefused.inc({ reason }),
    },
  })
  const services = new FeatureServices()
  const ctx: FeatureContext = { config, store, rooms, gateway, schema, logger, version, services }
  // Each feature starts in list order (services, state providers, watchers, schedules); a
  // feature may use what the ones above it provided.
  const started: { feature: ServerFeature<object, unknown>; service: unknown }[] = []
  for (const feature of installed) started.push({ feature, service: await feature.start?.(ctx) })
  for (const { feature, service } of started) {
    if (feature.openapi) services.contribute(ApiDescriptions, feature.openapi)
    if (feature.renameParticipant) services.contribute(ParticipantNameRewrites, feature.renameParticipant)
    const extras = feature.boardExtras?.bind(feature)
    if (extras) services.contribute(BoardExtrasSources, (board) => extras(board, ctx, service))
    if (feature.boardDocument) services.contribute(BoardDocumentReaders, feature.boardDocument)
  }
  const app = await buildHttpApp(ctx, {
    redis,
    onThrottled: () => metrics.rateLimited.inc(),
    featureRoutes: async (scope) => {
      for (const { feature, service } of started) await feature.routes?.(scope, ctx, service)
    },
  })
  app.addHook(
    'onRequest',
    createRateLimitHook({
      perSecond: config.rateLimitPerSecond,
      burst: config.rateLimitBurst,
      onLimited: () => metrics.rateLimited.inc(),
      redis,
    }),
  )
  registerHealthRoutes(app, { health, metrics, metricsToken: config.metricsToken, trustProxy: config.trustProxy })
  app.server.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head))
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address() as AddressInfo
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  const url = `http://${host}:${address.port}`
  logger.info(
    { url, store: store.kind, dataDir: store.kind === 'sqlite' ? config.dataDir : undefined },
    'Pinnwand is running',
  )

  let closing: Promise<void> | null = null
  return {
    url,
    port: address.port,
    store,
    rooms,
    services,
    logger,
    relay,
    health,
    close() {
      closing ??= (async () => {
        // Not ready from now on; give the load balancer SHUTDOWN_DRAIN_MS to notice before
        // the sockets close (clients then reconnect to another instance).
        health.draining = true
        if (config.shutdownDrainMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs))
        gateway.close()
        // Features stop in reverse order: schedules end before what they use.
        for (const { feature, service } of [...started].reverse()) await feature.stop?.(service)
        await rooms.closeAll()
        await relay?.close()
        await app.close()
        await store.close()
      })()
      return closing
    },
  }
}
