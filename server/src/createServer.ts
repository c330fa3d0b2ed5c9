import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { CloseCode, getBoardSchema } from '@pinnwand/shared'
import type { Logger } from 'pino'
import { resolveAdminToken } from './auth/adminToken.ts'
import type { Config } from './config.ts'
import { commentRoomGuard } from './comments/commentRoomGuard.ts'
import { Facilitation } from './facilitation/Facilitation.ts'
import { massDeleteRoomGuard } from './history/massDeleteRoomGuard.ts'
import { BoardHistory } from './history/BoardHistory.ts'
import { buildHttpApp } from './http/buildHttpApp.ts'
import type { AppContext } from './http/context.ts'
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
import { RoundStatePublisher } from './voting/RoundStatePublisher.ts'
import { RoundTimer } from './voting/RoundTimer.ts'
import { deleteWorkshop } from './domain/workshops.ts'
import { WORKSHOP_DELETED_SIGNAL } from './http/routes/workshops.ts'
import { registerPrivacyRoutes } from './privacy/privacyRoutes.ts'
import { RetentionSweeper } from './privacy/RetentionSweeper.ts'
import { ClusterGrowth } from './clusters/ClusterGrowth.ts'
import { OverlapRepair } from './clusters/OverlapRepair.ts'
import { PrivatePhase } from './privatePhase/PrivatePhase.ts'
import { privatePhaseRoomGuard } from './privatePhase/privatePhaseRoomGuard.ts'
import { Moderation } from './moderation/Moderation.ts'
import { moderationRoomGuard } from './moderation/moderationRoomGuard.ts'

export interface RunningServer {
  url: string
  port: number
  store: Store
  rooms: RoomManager
  voting: AppContext['voting']
  logger: Logger
  /** Scale-out relay (REDIS_URL), if any. */
  relay: BoardRelay | undefined
  health: HealthState
  /** Deletes workshops whose retention period is over (on a schedule; tests call sweep()). */
  retention: RetentionSweeper
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
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    databasePoolMax: config.databasePoolMax,
    dataDir: config.dataDir,
  })
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
  const roomGuards = [commentRoomGuard, massDeleteRoomGuard, privatePhaseRoomGuard, moderationRoomGuard]
  const rooms = new RoomManager(store, schema, {
    relay,
    tickMs: config.tickMs,
    awarenessMs: config.awarenessMs,
    crowdPresence: config.crowdPresence,
    compactEvery: config.compactEvery,
    maxDocumentBytes: config.maxDocumentBytes,
    idleUnloadMs: config.idleUnloadMs,
    guards: roomGuards,
    logger,
  })
  const health: HealthState = { draining: false, storeUp: () => store.ping(), relayUp: () => relay?.up ?? true }
  const metrics = new ServerMetrics({
    connections: () => gateway.connectionCount,
    boardsLoaded: () => rooms.loadedCount,
    relayUp: health.relayUp,
  })
  rooms.onRoomEvent((_boardId, event) => metrics.observe(event))
  const clusterGrowth = new ClusterGrowth({ schema, logger: logger.child({ component: 'clusters' }) })
  rooms.onRoomLoaded((room) => clusterGrowth.watch(room))
  const overlapRepair = new OverlapRepair({ schema, logger: logger.child({ component: 'clusters' }) })
  rooms.onRoomLoaded((room) => overlapRepair.watch(room))
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
  // Started before listening: rounds that ran out while the server was down close first.
  const voting = {
    store: store.voting,
    timer: new RoundTimer(store.voting, { logger: logger.child({ component: 'voting' }) }),
    publisher: new RoundStatePublisher(store.voting, rooms, logger.child({ component: 'voting' })),
  }
  // A round closed by its timer locks/unlocks the board and tells everyone, with no request.
  voting.timer.onClosed((roundIds) => {
    for (const roundId of roundIds) {
      void store.voting.getRound(roundId).then((round) => round && voting.publisher.publishNow(round.boardId))
    }
  })
  await voting.timer.start()
  const history = new BoardHistory(store.versions, rooms, schema, logger.child({ component: 'history' }))
  const facilitation = new Facilitation(store.timers, rooms, logger.child({ component: 'facilitation' }))
  const privatePhase = new PrivatePhase(store.privateCards, rooms, logger.child({ component: 'private-phase' }))
  const moderation = new Moderation(store.heldCards, rooms, logger.child({ component: 'moderation' }))
  const app = await buildHttpApp(
    {
      config,
      store,
      rooms,
      gateway,
      schema,
      logger,
      version,
      voting,
      history,
      facilitation,
      privatePhase,
      moderation,
    },
    { redis, onThrottled: () => metrics.rateLimited.inc() },
  )
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
  registerPrivacyRoutes(app, { store, rooms, versions: store.versions, defaultRetentionDays: config.retentionDays })
  // Data protection: workshops past their retention period go with everything in them, like
  // the dashboard's delete (sockets closed here and, through the relay, on other instances).
  const retention = new RetentionSweeper({
    store,
    defaultDays: config.retentionDays,
    intervalMs: config.retentionSweepMs,
    logger: logger.child({ component: 'retention' }),
    deleteWorkshop: (workshopId) =>
      deleteWorkshop(
        store,
        {
          closeConnections: (id) => gateway.closeWorkshopConnections(id, CloseCode.workshopDeleted, 'workshop deleted'),
          discardRoom: (boardId) => {
            rooms.signal(boardId, WORKSHOP_DELETED_SIGNAL, true)
            return rooms.discard(boardId)
          },
        },
        workshopId,
      ),
  })
  retention.start()
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
    voting,
    logger,
    relay,
    health,
    retention,
    close() {
      closing ??= (async () => {
        // Not ready from now on; give the load balancer SHUTDOWN_DRAIN_MS to notice before
        // the sockets close (clients then reconnect to another instance).
        health.draining = true
        if (config.shutdownDrainMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs))
        gateway.close()
        await retention.stop()
        await voting.timer.stop()
        voting.publisher.stop()
        await rooms.closeAll()
        await relay?.close()
        await app.close()
        await store.close()
      })()
      return closing
    },
  }
}
