import { Redis } from 'ioredis'
import * as encoding from 'lib0/encoding'
import type { RelayMessage } from '../../src/relay/BoardRelay.ts'
import { decodeRelayMessage, encodeRelayMessage } from '../../src/relay/relayMessage.ts'
import { RelaySeal, relaySecret } from '../../src/relay/relaySeal.ts'
import { recordsOf, roomPending, storedBoardDoc, UpdateCrafter } from '../helpers/hostileClient.ts'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  serverRoundTrip,
  type TestServer,
  userIdOf,
} from '../helpers/testServer.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { findViolation, type ModelCard } from './fuzzInvariants.ts'
import { HOSTILE_MARK } from './hostileUpdates.ts'
import { Prng } from './prng.ts'

const BOARD_CHANNEL = 'pinnwand:board:'
const HEARTBEAT_CHANNEL = 'pinnwand:instances'

export const RELAY_ATTACKS = [
  'garbage',
  'truncated',
  'bit-flip',
  'forged-card',
  'forged-rewrite',
  'pending-update',
  'forged-state',
  'forged-disconnect',
  'forged-signal',
  'forged-resync',
  'replay',
  'forged-heartbeat',
] as const

interface Honest {
  name: string
  userId: string
  server: TestServer
  client: BoardClient
}

/**
 * A hostile publisher on the Redis relay (issue 12): anyone who reaches Redis can publish on a
 * board's channel. While the facilitator (instance A) and a participant (instance B) write
 * cards, it sends garbage, cut-off and bit-flipped copies of real relay traffic, forged
 * messages of every kind under real and made-up instance ids, updates with pending structs,
 * replays and fake heartbeats. After every step: both instances answer, nothing is pending, no
 * honest client was closed, every honest card is as its writer left it; at the end both rooms
 * hold exactly what the store holds.
 */
export class RelayFuzz {
  private readonly rng: Prng
  private readonly model = new Map<string, ModelCard>()
  private readonly captured: { channel: string; data: Buffer }[] = []
  private readonly attacks: Record<string, number> = {}
  private honest: Honest[] = []
  private boardId = ''
  private pageName = ''
  private readonly publisher: Redis
  private readonly listener: Redis
  private readonly options: {
    seed: number
    steps: number
    servers: [TestServer, TestServer]
    redisUrl: string
    /** The instances' DATABASE_URL: an insider who knows the relay secret (see insiderStep). */
    databaseUrl: string
  }
  /** The attacker's own key: a made-up RELAY_SECRET. */
  private readonly attackerSeal: RelaySeal
  private readonly insiderSeal: RelaySeal
  /** Its own sequence, so the pinned seeds' outside attacks stay what they were. */
  private readonly insiderRng: Prng

  constructor(options: RelayFuzz['options']) {
    this.options = options
    this.rng = new Prng(options.seed)
    this.attackerSeal = new RelaySeal(`guess-${options.seed}`)
    this.insiderSeal = new RelaySeal(relaySecret({ databaseUrl: options.databaseUrl }))
    this.insiderRng = new Prng(options.seed + 1)
    this.publisher = new Redis(options.redisUrl)
    this.listener = new Redis(options.redisUrl)
  }

  async run(): Promise<{ attacks: Record<string, number>; captured: number }> {
    let step = -1
    try {
      await this.setUp()
      for (step = 0; step < this.options.steps; step++) {
        if (this.rng.chance(0.4)) await this.honestStep()
        else await this.hostileStep()
        if (step % 5 === 4) await this.insiderStep()
        await this.check()
      }
      await this.checkConvergence()
      return { attacks: this.attacks, captured: this.captured.length }
    } catch (error) {
      throw new Error(`relay fuzz seed ${this.options.seed}, step ${step}: ${(error as Error).message}`, {
        cause: error,
      })
    } finally {
      for (const h of this.honest) h.client.destroy()
      this.publisher.disconnect()
      this.listener.disconnect()
    }
  }

  private async setUp(): Promise<void> {
    const [a, b] = this.options.servers
    const workshop = await createWorkshop(a.url)
    this.boardId = workshop.boardIds[0]!
    const participant = await joinParticipant(b.url, workshop, 'Grace')
    // The attacker reads the channel as any Redis client can: real traffic to cut up and replay.
    await this.listener.subscribe(BOARD_CHANNEL + this.boardId, HEARTBEAT_CHANNEL)
    this.listener.on('messageBuffer', (channel: Buffer, data: Buffer) => {
      if (this.captured.length < 500) this.captured.push({ channel: channel.toString(), data })
    })
    const people = [
      { name: 'facilitator', token: workshop.facilitatorToken, server: a },
      { name: 'Grace', token: participant.participantToken, server: b },
    ]
    for (const p of people) {
      const client = await connectClient(p.server.url, this.boardId, p.token)
      this.honest.push({ name: p.name, userId: await userIdOf(p.server.url, p.token), server: p.server, client })
    }
    this.pageName = (this.honest[0]!.client.records.get('page:page' as never) as { name: string }).name
  }

  private async honestStep(): Promise<void> {
    const person = this.rng.pick(this.honest)
    const own = [...this.model].filter(([, card]) => card.owner === person.userId && !card.deleted)
    if (own.length > 0 && this.rng.chance(0.5)) {
      const [id] = this.rng.pick(own)
      const text = `${person.name}: ${this.rng.word()}`
      const card = person.client.records.get(id as never) as ReturnType<typeof ideaCard>
      person.client.records.set(id, { ...card, props: { ...card.props, text } } as never)
      this.model.set(id, { owner: person.userId, text, deleted: false })
    } else {
      const card = ideaCard(person.userId, `${person.name}: ${this.rng.word()}`)
      person.client.records.set(card.id, card as never)
      this.model.set(card.id, { owner: person.userId, text: card.props.text, deleted: false })
    }
    await serverRoundTrip(person.client.provider)
    await this.settled()
  }

  private async hostileStep(): Promise<void> {
    const attack = this.rng.pick(RELAY_ATTACKS)
    this.attacks[attack] = (this.attacks[attack] ?? 0) + 1
    const channel = BOARD_CHANNEL + this.boardId
    const genuine = this.captured.filter((c) => c.channel === channel)
    const sample = genuine.length > 0 ? this.rng.pick(genuine).data : Buffer.from([0])
    const senders = this.senderIds()
    const sender = senders.length > 0 && this.rng.chance(0.7) ? this.rng.pick(senders) : `i${this.rng.word(10)}`
    // Unsigned, or signed with a guessed secret; numbered far ahead of the real sender.
    const forge = (message: RelayMessage) => {
      const wire = encodeRelayMessage({ senderId: sender, seq: 1e9 + this.rng.int(1e6), sentAt: Date.now() }, message)
      return this.publish(channel, this.rng.chance(0.5) ? Buffer.from(wire) : this.attackerSeal.seal(wire))
    }
    switch (attack) {
      case 'garbage':
        await this.publish(channel, Buffer.from(Array.from({ length: this.rng.int(200) }, () => this.rng.int(256))))
        break
      case 'truncated':
        await this.publish(channel, sample.subarray(0, this.rng.int(sample.length)))
        break
      case 'bit-flip': {
        const copy = Buffer.from(sample)
        const at = this.rng.int(copy.length)
        copy[at] = copy[at]! ^ (1 << this.rng.int(8))
        await this.publish(channel, copy)
        break
      }
      case 'forged-card': {
        const victim = this.rng.pick(this.honest)
        const crafter = new UpdateCrafter(victim.client.doc)
        const card = ideaCard(victim.userId, `${HOSTILE_MARK} in ${victim.name}'s name`)
        crafter.push(this.rng.clientId(), card.id, card)
        await forge({ kind: 'update', update: crafter.encode() })
        break
      }
      case 'forged-rewrite': {
        const live = [...this.model].filter(([, c]) => !c.deleted)
        if (live.length === 0) break
        const [id] = this.rng.pick(live)
        const source = this.honest[0]!.client
        const crafter = new UpdateCrafter(source.doc)
        const card = source.records.get(id as never) as ReturnType<typeof ideaCard> | undefined
        if (!card) break
        crafter.push(this.rng.clientId(), id, { ...card, props: { ...card.props, text: `${HOSTILE_MARK} rewritten` } })
        await forge({ kind: 'update', update: crafter.encode() })
        break
      }
      case 'pending-update': {
        const crafter = new UpdateCrafter(this.honest[1]!.client.doc)
        const ghost = this.rng.clientId()
        const card = ideaCard(this.honest[1]!.userId, `${HOSTILE_MARK} pending`)
        crafter.ghost(ghost, (records) => records.push([{ key: 'shape:ghost', val: card as never }]))
        crafter.as(ghost, (records) => records.push([{ key: card.id, val: card as never }]))
        await forge({ kind: 'update', update: crafter.encode() })
        break
      }
      case 'forged-state':
        await forge({ kind: 'state', patch: { locked: true, phase: 'vote' } as never })
        break
      case 'forged-disconnect': {
        const victim = this.rng.pick(this.honest)
        await forge({ kind: 'disconnect', userId: victim.userId, closeCode: 4401, reason: 'revoked' })
        break
      }
      case 'forged-signal':
        await forge({ kind: 'signal', topic: this.rng.pick(['round', 'shortlist', 'timer', 'x']), urgent: true })
        break
      case 'forged-resync':
        await forge({ kind: 'resync' })
        break
      case 'replay':
        // Real traffic as it was: harmless, since it is in the store (update) or idempotent.
        for (const { data } of genuine.slice(-3)) await this.publish(channel, data)
        break
      case 'forged-heartbeat': {
        // A peer that then goes silent would make every instance reload every board.
        const wire = encodeRelayMessage(
          { senderId: `i${this.rng.word(10)}`, seq: 1, sentAt: Date.now() },
          {
            kind: 'heartbeat',
          },
        )
        await this.publish(HEARTBEAT_CHANNEL, this.rng.chance(0.5) ? Buffer.from(wire) : this.attackerSeal.seal(wire))
        break
      }
    }
    await this.settled()
  }

  /**
   * Defence in depth: messages signed with the real secret (a compromised instance, a leaked
   * key) that are still broken must not crash an instance or leave anything pending: any bytes
   * after a valid envelope, an update cut off, an update with pending structs (the room reloads
   * from the store instead). Whole forged updates from an insider are trusted by design.
   */
  private async insiderStep(): Promise<void> {
    const rng = this.insiderRng
    const channel = BOARD_CHANNEL + this.boardId
    const envelope = { senderId: `insider-${rng.word(8)}`, seq: 1, sentAt: Date.now() }
    const kind = rng.pick(['insider-garbage', 'insider-cut-update', 'insider-pending'] as const)
    this.attacks[kind] = (this.attacks[kind] ?? 0) + 1
    let body: Uint8Array
    if (kind === 'insider-garbage') {
      const e = encoding.createEncoder()
      encoding.writeVarString(e, envelope.senderId)
      encoding.writeVarUint(e, envelope.seq)
      encoding.writeFloat64(e, envelope.sentAt)
      for (let i = rng.int(64); i > 0; i--) encoding.writeUint8(e, rng.int(256))
      body = encoding.toUint8Array(e)
    } else {
      const crafter = new UpdateCrafter(this.honest[0]!.client.doc)
      const card = ideaCard(this.honest[0]!.userId, `${HOSTILE_MARK} insider`)
      const client = rng.clientId()
      if (kind === 'insider-pending')
        crafter.ghost(client, (records) => records.push([{ key: 'shape:ghost', val: card as never }]))
      crafter.push(client, card.id, card)
      let update = crafter.encode()
      if (kind === 'insider-cut-update') update = update.subarray(0, 1 + rng.int(update.length - 1))
      body = encodeRelayMessage(envelope, { kind: 'update', update })
    }
    await this.publish(channel, this.insiderSeal.seal(body))
    await this.settled()
  }

  /** Instance ids as the attacker reads them from heartbeats (signed, not encrypted). */
  private senderIds(): string[] {
    const ids = new Set<string>()
    for (const { channel, data } of this.captured) {
      if (channel !== HEARTBEAT_CHANNEL) continue
      try {
        ids.add(decodeRelayMessage(data.subarray(32)).senderId)
      } catch {
        // not a message of the current wire form
      }
    }
    return [...ids]
  }

  private async publish(channel: string, data: Buffer): Promise<void> {
    await this.publisher.publish(channel, data)
  }

  /** Both instances handled what was sent: a round trip per client and a little time for Redis. */
  private async settled(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 30))
    for (const h of this.honest) if (h.client.provider.wsconnected) await serverRoundTrip(h.client.provider)
  }

  private async check(): Promise<void> {
    for (const server of this.options.servers) {
      const res = await fetch(`${server.url}/healthz`)
      if (res.status !== 200) throw new Error(`${server.url} answers /healthz with ${res.status}`)
      const pending = roomPending(server, this.boardId)
      if (pending && (pending.structs || pending.ds)) throw new Error(`${server.url} holds pending content`)
    }
    for (const h of this.honest) {
      if (h.client.closes.length > 0) throw new Error(`${h.name} was closed: ${JSON.stringify(h.client.closes)}`)
    }
    const honestUsers = new Set(this.honest.map((h) => h.userId))
    await waitFor(
      () =>
        findViolation(
          [
            ...this.honest.map((h) => ({ where: h.name, records: h.client.records })),
            ...this.rooms().map(({ where, room }) => ({ where, records: room.records })),
          ],
          this.model,
          honestUsers,
          this.pageName,
        ) === null,
      { timeout: 3_000, what: 'honest cards as their writers left them' },
    ).catch(() => {
      throw new Error(
        findViolation(
          [
            ...this.honest.map((h) => ({ where: h.name, records: h.client.records })),
            ...this.rooms().map(({ where, room }) => ({ where, records: room.records })),
          ],
          this.model,
          honestUsers,
          this.pageName,
        ) ?? 'violation went away',
      )
    })
  }

  private rooms() {
    return this.options.servers.flatMap((server, i) => {
      const room = server.server.rooms.getLoaded(this.boardId)
      return room ? [{ where: `room on instance ${'AB'[i]}`, room }] : []
    })
  }

  /** Nothing an instance holds is missing from the store, nor the other way round. */
  private async checkConvergence(): Promise<void> {
    let stored = ''
    let rooms: string[] = []
    const ok = await waitFor(
      async () => {
        stored = JSON.stringify(recordsOf(await storedBoardDoc(this.options.servers[0], this.boardId)))
        rooms = this.rooms().map(({ room }) => JSON.stringify(recordsOf(room.doc)))
        return rooms.every((r) => r === stored)
      },
      { timeout: 5_000, what: 'rooms and store hold the same records' },
    ).then(
      () => true,
      () => false,
    )
    if (!ok) {
      const extra = this.rooms().map(({ where, room }) => {
        const inStore = new Set(Object.keys(JSON.parse(stored) as object))
        return `${where}: ${Object.keys(recordsOf(room.doc)).filter((id) => !inStore.has(id)).length} records not in the store`
      })
      throw new Error(`rooms and store differ: ${extra.join('; ')}`)
    }
  }
}
