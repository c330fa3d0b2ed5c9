import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { generateId } from '../auth/tokens.ts'
import type { BoardRelay, RelayMessage } from './BoardRelay.ts'
import { decodeRelayMessage, encodeRelayMessage, type RelayEnvelope, type WireMessage } from './relayMessage.ts'
import { RelaySeal } from './relaySeal.ts'

export interface RedisRelayOptions {
  url: string
  logger: Logger
  /** Channel prefix, so several deployments (or test runs) can share one Redis. */
  prefix?: string
  /** How often an instance says it is alive; a peer silent for 3 intervals counts as gone. */
  heartbeatMs?: number
  /** Shared by every instance of the deployment: messages are signed with it (relaySeal.ts). */
  secret: string
}

/** Everything after this on the heartbeat channel is the sender's instance id. */
const HEARTBEAT_CHANNEL = 'pinnwand:instances'
/** Shared values (getValue/setValue). */
const VALUE_PREFIX = 'pinnwand:value:'
/** A hash per instance: board id → participants present there, refreshed with every heartbeat. */
const PARTICIPANTS_PREFIX = 'pinnwand:participants:'
/** A message from an instance not heard from before is accepted only this fresh (clocks in sync). */
const MAX_MESSAGE_AGE_MS = 60_000
/** Dropped (unsigned, replayed, malformed) messages are logged at most this often. */
const DROP_LOG_MS = 10_000

/**
 * Redis pub/sub between instances: one channel per board, one subscriber and one publisher
 * connection per instance. Pub/sub delivers at most once, so a reconnect of either connection
 * triggers a resync: local rooms reload from the store and peers are asked to do the same.
 */
export class RedisRelay implements BoardRelay {
  readonly kind = 'redis' as const
  readonly instanceId = generateId('i')
  private readonly pub: Redis
  private readonly sub: Redis
  private readonly prefix: string
  private readonly logger: Logger
  private readonly handlers = new Map<string, (message: RelayMessage) => void>()
  private readonly resyncListeners = new Set<() => void>()
  private closed = false
  /** Other instances and when we last heard from them. */
  private readonly peers = new Map<string, number>()
  private readonly heartbeatMs: number
  private heartbeat: NodeJS.Timeout | null = null
  private participantSource: (() => Map<string, number>) | null = null
  private readonly seal: RelaySeal
  private seq = 0
  /** The last sequence number accepted per sender: anything not newer is a replay. */
  private readonly lastSeq = new Map<string, number>()
  private dropped = { count: 0, reason: '', loggedAt: 0 }

  private constructor(options: RedisRelayOptions) {
    this.prefix = options.prefix ?? 'pinnwand:board:'
    this.seal = new RelaySeal(options.secret)
    this.logger = options.logger.child({ component: 'relay' })
    const common = {
      lazyConnect: true,
      // Never block or replay old publishes: a message that cannot go out now is covered by the
      // resync after the reconnect.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, 2000),
    }
    this.pub = new Redis(options.url, { ...common, connectionName: `pinnwand-pub-${this.instanceId}` })
    this.sub = new Redis(options.url, {
      ...common,
      // Subscribing while offline must wait for the connection (join awaits it).
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      connectionName: `pinnwand-sub-${this.instanceId}`,
    })
    this.heartbeatMs = options.heartbeatMs ?? 2000
    this.sub.on('messageBuffer', (channel: Buffer, data: Buffer) => this.deliver(channel.toString(), data))
    for (const connection of [this.pub, this.sub]) {
      connection.on('error', (error: Error) => this.logger.warn({ err: error }, 'redis connection error'))
      let wasReady = false
      connection.on('ready', () => {
        if (wasReady) void this.resync()
        wasReady = true
      })
    }
  }

  /** The command connection (no offline queue: commands fail fast while Redis is away). */
  get commandConnection(): Redis {
    return this.pub
  }

  /** Connects both connections; fails fast when Redis cannot be reached at start. */
  static async connect(options: RedisRelayOptions): Promise<RedisRelay> {
    const relay = new RedisRelay(options)
    await Promise.all([relay.pub.connect(), relay.sub.connect()])
    await relay.sub.subscribe(HEARTBEAT_CHANNEL)
    relay.heartbeat = setInterval(() => relay.beat(), relay.heartbeatMs)
    relay.heartbeat.unref()
    relay.beat()
    relay.logger.info({ instanceId: relay.instanceId }, 'relay connected to redis')
    return relay
  }

  get up(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready'
  }

  async join(boardId: string, onMessage: (message: RelayMessage) => void): Promise<void> {
    this.handlers.set(boardId, onMessage)
    await this.sub.subscribe(this.channel(boardId))
  }

  async leave(boardId: string): Promise<void> {
    this.handlers.delete(boardId)
    if (this.sub.status === 'ready') await this.sub.unsubscribe(this.channel(boardId)).catch(() => undefined)
  }

  publish(boardId: string, message: RelayMessage): void {
    if (this.closed) return
    const data = this.wire(message)
    this.pub.publish(this.channel(boardId), data).catch((error: unknown) => {
      // Lost: the peers resync when our connection comes back.
      this.logger.warn({ err: error, boardId, kind: message.kind }, 'relay publish failed')
    })
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener)
    return () => this.resyncListeners.delete(listener)
  }

  async getValue(key: string): Promise<string | null> {
    return this.pub.get(VALUE_PREFIX + key)
  }

  async setValue(key: string, value: string | null, ttlMs: number): Promise<void> {
    if (value === null) await this.pub.del(VALUE_PREFIX + key)
    else await this.pub.set(VALUE_PREFIX + key, value, 'PX', ttlMs)
  }

  reportParticipants(source: () => Map<string, number>): void {
    this.participantSource = source
  }

  /** Reads the counts the live peers reported with their last heartbeat (a gone peer's key expires). */
  async peerParticipants(boardIds: string[]): Promise<Map<string, number>> {
    const totals = new Map<string, number>()
    if (boardIds.length === 0 || this.peers.size === 0) return totals
    const pipeline = this.pub.pipeline()
    for (const peer of this.peers.keys()) pipeline.hmget(PARTICIPANTS_PREFIX + peer, ...boardIds)
    for (const [error, counts] of (await pipeline.exec()) ?? []) {
      if (error) throw error
      ;(counts as (string | null)[]).forEach((count, i) => {
        const id = boardIds[i]!
        if (count) totals.set(id, (totals.get(id) ?? 0) + Number(count))
      })
    }
    return totals
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.handlers.clear()
    await this.pub.del(PARTICIPANTS_PREFIX + this.instanceId).catch(() => undefined)
    await Promise.all([this.pub.quit().catch(() => undefined), this.sub.quit().catch(() => undefined)])
  }

  private channel(boardId: string): string {
    return this.prefix + boardId
  }

  /**
   * Says we are alive, and notices peers that went silent. A peer killed between persisting an
   * update and publishing it leaves that update only in the store: when a peer disappears, every
   * loaded board reloads from the store.
   */
  private beat(): void {
    if (this.closed) return
    this.pub.publish(HEARTBEAT_CHANNEL, this.wire({ kind: 'heartbeat' })).catch(() => undefined)
    this.writeParticipants()
    const now = performance.now()
    const gone = [...this.peers].filter(([, seen]) => now - seen > 3 * this.heartbeatMs).map(([id]) => id)
    if (gone.length === 0) return
    for (const id of gone) this.peers.delete(id)
    this.logger.warn({ peers: gone }, 'relay peers went silent; resyncing boards from the store')
    for (const listener of this.resyncListeners) listener()
  }

  /** This instance's counts, replacing the last report; they expire if we stop beating. */
  private writeParticipants(): void {
    if (!this.participantSource) return
    const key = PARTICIPANTS_PREFIX + this.instanceId
    const counts = Object.fromEntries(this.participantSource())
    const write = this.pub.multi().del(key)
    if (Object.keys(counts).length > 0) write.hset(key, counts).pexpire(key, 3 * this.heartbeatMs)
    write.exec().catch(() => undefined)
  }

  /** Signed, numbered wire bytes of a message from this instance. */
  private wire(message: WireMessage): Buffer {
    const envelope: RelayEnvelope = { senderId: this.instanceId, seq: ++this.seq, sentAt: Date.now() }
    return this.seal.seal(encodeRelayMessage(envelope, message))
  }

  /**
   * The message if a peer of this deployment sent it now: signed with our secret, newer than
   * anything that peer sent before (or, from a peer not heard from yet, sent within the last
   * minute). Our own messages come back too and are skipped.
   */
  private accept(channel: string, data: Buffer): ReturnType<typeof decodeRelayMessage> | null {
    const body = this.seal.open(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    if (!body) return this.drop(channel, 'not signed with this deployment’s relay secret')
    let decoded: ReturnType<typeof decodeRelayMessage>
    try {
      decoded = decodeRelayMessage(body)
    } catch {
      return this.drop(channel, 'malformed')
    }
    if (decoded.senderId === this.instanceId) return null
    const last = this.lastSeq.get(decoded.senderId)
    if (last !== undefined ? decoded.seq <= last : Math.abs(Date.now() - decoded.sentAt) > MAX_MESSAGE_AGE_MS)
      return this.drop(channel, 'replayed')
    this.lastSeq.set(decoded.senderId, decoded.seq)
    return decoded
  }

  private drop(channel: string, reason: string): null {
    this.dropped.count++
    this.dropped.reason = reason
    const now = performance.now()
    if (now - this.dropped.loggedAt >= DROP_LOG_MS) {
      // Also what a peer with another RELAY_SECRET (or DATABASE_URL credentials) looks like.
      this.logger.warn({ channel, reason, dropped: this.dropped.count }, 'dropping relay messages')
      this.dropped = { count: 0, reason: '', loggedAt: now }
    }
    return null
  }

  private deliver(channel: string, data: Buffer): void {
    if (channel !== HEARTBEAT_CHANNEL && !channel.startsWith(this.prefix)) return
    const handler = channel === HEARTBEAT_CHANNEL ? null : this.handlers.get(channel.slice(this.prefix.length))
    if (channel !== HEARTBEAT_CHANNEL && !handler) return
    const accepted = this.accept(channel, data)
    if (!accepted) return
    const { message } = accepted
    if (message.kind === 'heartbeat') {
      // The sender id is in the signed envelope: nobody can fake a peer (and its later silence).
      if (channel === HEARTBEAT_CHANNEL) this.peers.set(accepted.senderId, performance.now())
      return
    }
    if (!handler) return
    try {
      handler(message)
    } catch (error) {
      this.logger.error({ err: error, channel }, 'relay message handling failed')
    }
  }

  /**
   * After a reconnect: make sure every board is subscribed again (ioredis resubscribes; this
   * waits for it), then tell local rooms and peers to reload from the store.
   */
  private async resync(): Promise<void> {
    if (this.closed || !this.up) return
    const boards = [...this.handlers.keys()]
    try {
      await this.sub.subscribe(HEARTBEAT_CHANNEL, ...boards.map((b) => this.channel(b)))
    } catch (error) {
      this.logger.warn({ err: error }, 'resubscribing failed; the next reconnect retries')
      return
    }
    this.logger.info({ boards: boards.length }, 'relay reconnected; resyncing boards from the store')
    for (const boardId of boards) this.publish(boardId, { kind: 'resync' })
    for (const listener of this.resyncListeners) listener()
  }
}
