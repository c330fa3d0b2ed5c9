import type { IdeaCardShape } from '@pinnwand/shared'
import * as Y from 'yjs'
import {
  type HostileSocket,
  nextClock,
  openHostileSocket,
  recordsOf,
  storedBoardDoc,
  waitForUnload,
} from '../helpers/hostileClient.ts'
import {
  connectClient,
  createWorkshop,
  joinParticipant,
  serverRoundTrip,
  type TestServer,
  userIdOf,
} from '../helpers/testServer.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { diffKeys, findViolation, matches, type ModelCard, type RecordView, summarise } from './fuzzInvariants.ts'
import { type CrossingContext, crossingStep, type HonestPerson, refusedStep, reloadStep } from './honestCrossings.ts'
import { type Attack, buildAttack, describeUpdate, HOSTILE_MARK, seededCard } from './hostileUpdates.ts'
import { Prng } from './prng.ts'

export interface FuzzOptions {
  seed: number
  steps: number
  /** One server, or several instances of one board (REDIS_URL): people spread over them. */
  servers: TestServer[]
  /**
   * `attacks` (default): mostly hostile updates against honest writes, as the pinned regression
   * seeds were found with. `convergence`: mostly honest people crossing each other's writes,
   * refused writes and reloads from cache, with attacks in between (honestCrossings.ts).
   */
  profile?: 'attacks' | 'convergence'
}

/** Step weights per profile; the attack profile's are those its pinned seeds were found with. */
const STEP_WEIGHTS = {
  attacks: [
    [4, 'honest'],
    [5, 'hostile'],
    [1, 'concurrent'],
  ],
  convergence: [
    [3, 'honest'],
    [4, 'crossing'],
    [1, 'refused'],
    [1, 'reload'],
    [2, 'hostile'],
    [1, 'concurrent'],
  ],
} as const

export interface FuzzSummary {
  seed: number
  steps: number
  /** Per attack kind: how often it was sent and the close codes it got ('open' when none). */
  attacks: Record<string, Record<string, number>>
  honestWrites: number
  /** Per convergence step kind (crossings, refusals, reloads): how often it ran. */
  crossings: Record<string, number>
  documentBytes: number
  /** The largest record the board kept (JSON length) and the start of its id. */
  largestRecord: { id: string; bytes: number }
}

/** An invariant broke: the message names the seed and the step, to replay with FUZZ_SEED. */
export class FuzzFailure extends Error {}

type Honest = HonestPerson

interface Attacker {
  name: string
  userId: string
  token: string
  server: TestServer
  clientId: number
  socket: HostileSocket | null
}

interface Prepared {
  attacker: Attacker
  socket: HostileSocket
  attack: Attack
  journalIndex: number
  /**
   * Sent together with an honest write: if the honest struct a pending one waits for arrives
   * first, the update is complete when it arrives and may be taken (then reviewed as the
   * attacker's). Only the invariants on honest content apply then.
   */
  concurrent: boolean
  asSyncStep2: boolean
}

/**
 * The struct-level fuzzer of the sync gateway (issue 12). Honest y-websocket clients (the
 * facilitator and two participants) edit cards while two hostile participants send seeded
 * adversarial updates over bare sockets. After every step: no honest client got a terminal
 * close, nothing is pending in any room, every honest card is exactly what its writers made
 * it, no card appears in an honest person's name, the page keeps its name. At the end all
 * clients, rooms and the store (after unloading) hold the same records.
 */
export class GatewayFuzz {
  private readonly rng: Prng
  private readonly servers: TestServer[]
  private readonly steps: number
  private boardId = ''
  private pageName = ''
  private facilitatorToken = ''
  private honest: Honest[] = []
  private attackers: Attacker[] = []
  private readonly model = new Map<string, ModelCard>()
  private readonly journal: string[] = []
  private readonly summary: FuzzSummary
  private readonly profile: NonNullable<FuzzOptions['profile']>

  constructor({ seed, steps, servers, profile = 'attacks' }: FuzzOptions) {
    this.rng = new Prng(seed)
    this.servers = servers
    this.steps = steps
    this.profile = profile
    this.summary = {
      seed,
      steps,
      attacks: {},
      honestWrites: 0,
      crossings: {},
      documentBytes: 0,
      largestRecord: { id: '', bytes: 0 },
    }
  }

  /** What the convergence steps (honestCrossings.ts) see of this run. */
  private get crossing(): CrossingContext {
    return {
      rng: this.rng,
      boardId: this.boardId,
      servers: this.servers,
      honest: this.honest,
      model: this.model,
      note: (line) => this.note(line),
      roomRecords: () => this.rooms().map(({ where, room }) => ({ where, get: (id: string) => room?.records.get(id) })),
      count: (kind) => (this.summary.crossings[kind] = (this.summary.crossings[kind] ?? 0) + 1),
    }
  }

  async run(): Promise<FuzzSummary> {
    let step = -1
    try {
      await this.setUp()
      for (step = 0; step < this.steps; step++) {
        const kind = this.rng.weighted<string>(STEP_WEIGHTS[this.profile])
        if (kind === 'hostile') await this.hostileStep()
        else if (kind === 'concurrent') await this.concurrentStep()
        else if (kind === 'crossing') {
          // Needs a live card (refused: someone else's): until there is one, an honest write.
          if (!(await crossingStep(this.crossing))) await this.honestStep()
        } else if (kind === 'refused') {
          if (!(await refusedStep(this.crossing))) await this.honestStep()
        } else if (kind === 'reload') await reloadStep(this.crossing)
        else await this.honestStep()
        await this.checkInvariants()
      }
      step = this.steps
      await this.checkConvergence()
      return this.summary
    } catch (error) {
      const where = step < 0 ? 'setup' : step === this.steps ? 'final convergence' : `step ${step}`
      throw new FuzzFailure(
        `gateway fuzz (${this.profile}) FAILED: FUZZ_SEED=${this.summary.seed} FUZZ_STEPS=${this.steps} at ${where}: ${(error as Error).message}\n` +
          `last steps:\n  ${this.journal.slice(-8).join('\n  ')}`,
        { cause: error },
      )
    } finally {
      this.tearDown()
    }
  }

  private at(i: number): TestServer {
    return this.servers[i % this.servers.length]!
  }

  private async setUp(): Promise<void> {
    const first = this.at(0)
    const workshop = await createWorkshop(first.url)
    this.boardId = workshop.boardIds[0]!
    this.facilitatorToken = workshop.facilitatorToken
    const people = [
      {
        name: 'Moderation',
        token: workshop.facilitatorToken,
        userId: await userIdOf(first.url, workshop.facilitatorToken),
      },
    ]
    for (const name of ['Ada', 'Ben']) {
      const joined = await joinParticipant(first.url, workshop, name)
      people.push({ name, token: joined.participantToken, userId: joined.participantId })
    }
    for (const [i, person] of people.entries()) {
      const server = this.at(i)
      const client = await connectClient(server.url, this.boardId, person.token)
      client.provider.awareness.setLocalStateField('user', { name: person.name, color: '#36c' })
      this.honest.push({ ...person, server, client })
    }
    for (const [i, name] of ['Mallory', 'Eve'].entries()) {
      const joined = await joinParticipant(first.url, workshop, name)
      this.attackers.push({
        name,
        userId: joined.participantId,
        token: joined.participantToken,
        server: this.at(i + 1),
        clientId: this.rng.clientId(),
        socket: null,
      })
    }
    const page = this.honest[0]!.client.records.get('page:page') as { name: string } | undefined
    this.pageName = page?.name ?? ''
  }

  private tearDown(): void {
    for (const h of this.honest) h.client.destroy()
    for (const a of this.attackers) a.socket?.close()
  }

  private note(line: string): void {
    this.journal.push(line)
  }

  private async honestStep(): Promise<void> {
    await this.honestWrite()()
  }

  private async hostileStep(): Promise<void> {
    const prepared = await this.prepareAttack(this.rng.pick(this.attackers))
    this.send(prepared)
    await this.verdict(prepared)
  }

  /**
   * Both attackers and one honest person at once, in a seeded order, before anyone waits: a
   * planted struct and the victim's next write may reach the room in the same turn.
   */
  private async concurrentStep(): Promise<void> {
    const prepared: Prepared[] = []
    for (const attacker of this.attackers) prepared.push({ ...(await this.prepareAttack(attacker)), concurrent: true })
    const honestFirst = this.rng.chance(0.5)
    const confirm = honestFirst ? this.honestWrite() : null
    for (const p of prepared) this.send(p)
    const confirmLater = confirm ?? this.honestWrite()
    this.note('(the last three at once)')
    await Promise.all([confirmLater(), ...prepared.map((p) => this.verdict(p))])
  }

  /** Writes now; the returned function waits until every honest client shows the write. */
  private honestWrite(): () => Promise<void> {
    const rng = this.rng
    const actor = rng.pick(this.honest)
    const isFacilitator = actor === this.honest[0]
    const live = [...this.model.entries()].filter(([, c]) => !c.deleted)
    const own = live.filter(([, c]) => c.owner === actor.userId)
    const editable = isFacilitator ? live : own
    const op = rng.weighted([
      [own.length < 5 ? 4 : 1, 'create'],
      [editable.length > 0 ? 4 : 0, 'edit'],
      [own.length > 0 ? 1 : 0, 'delete'],
    ] as const)
    const records = actor.client.records
    // Now and then the write is made offline and goes out with the reconnect's sync (a tab on a
    // flaky venue network): the same person continues her client id, and nothing is pending.
    const offline = rng.chance(0.15)
    if (offline) actor.client.provider.disconnect()
    let id: string
    if (op === 'create') {
      const card = seededCard(rng, actor.userId, `${actor.name}: ${rng.word()}`)
      id = card.id
      records.set(id, card)
      this.model.set(id, { owner: actor.userId, text: card.props.text, deleted: false })
    } else if (op === 'edit') {
      const [cardId, model] = rng.pick(editable)
      id = cardId
      const current = records.get(id) as IdeaCardShape
      const text = `${actor.name}: ${rng.word()}`
      records.set(id, { ...current, x: current.x + 5, props: { ...current.props, text } })
      model.text = text
    } else {
      const [cardId, model] = rng.pick(own)
      id = cardId
      records.delete(id)
      model.deleted = true
    }
    const clientId = actor.client.doc.clientID
    this.note(
      `honest ${actor.name} ${op} ${id} (as ${clientId}:${nextClock(actor.client.doc, clientId)})${offline ? ' offline' : ''}`,
    )
    this.summary.honestWrites++
    const expected = { ...this.model.get(id)! }
    if (offline) actor.client.provider.connect()
    return async () => {
      if (offline) await waitFor(() => actor.client.provider.synced, { what: `${actor.name} synced again` })
      await serverRoundTrip(actor.client.provider)
      // Every honest client, on every instance, shows the write before the next step.
      await waitFor(() => this.honest.every((h) => matches(h.client.records.get(id), expected)), {
        timeout: 5_000,
        what: `${actor.name}'s ${op} of ${id} at every honest client (${this.describe(id)})`,
      })
    }
  }

  /** An open socket whose copy is current (the attacker builds on exactly what the room has), and its attack. */
  private async prepareAttack(attacker: Attacker): Promise<Prepared> {
    for (;;) {
      if (!attacker.socket || attacker.socket.closeCode() !== null) {
        attacker.socket = await openHostileSocket(attacker.server.url, this.boardId, attacker.token)
      }
      if ((await attacker.socket.roundTrip()) === null) break
    }
    const socket = attacker.socket
    const attack: Attack = buildAttack({
      rng: this.rng,
      mirror: socket.mirror,
      attackerUserId: attacker.userId,
      attackerClient: attacker.clientId,
      honestClients: this.honest.map((h) => h.client.doc.clientID),
      boundHonestClients: this.honest
        .map((h) => h.client.doc.clientID)
        .filter((id) => nextClock(socket.mirror, id) > 0),
      honestUsers: this.honest.map((h) => h.userId),
      serverClients: this.rooms().flatMap(({ room }) => (room ? [room.doc.clientID] : [])),
    })
    return { attacker, socket, attack, journalIndex: -1, concurrent: false, asSyncStep2: this.rng.chance(0.2) }
  }

  private send(prepared: Prepared): void {
    const { attacker, socket, attack } = prepared
    this.note(
      `hostile ${attacker.name} ${attack.kind}${prepared.asSyncStep2 ? ' as sync step 2' : ''} (${attack.updates.map((u) => u.byteLength).join('+')} bytes)`,
    )
    prepared.journalIndex = this.journal.length - 1
    if (process.env.FUZZ_DEBUG) for (const u of attack.updates) console.info(`${attacker.name}: ${describeUpdate(u)}`)
    // Now and then framed as a sync step 2: the room reads those differently (DeleteWins).
    for (const update of attack.updates) socket.sendUpdate(update, prepared.asSyncStep2)
    for (const update of attack.presence ?? []) socket.sendAwareness(update)
  }

  private async verdict({ socket, attack, journalIndex, concurrent }: Prepared): Promise<void> {
    let code = await socket.roundTrip()
    // The room answers a sync step 1 even while this socket's update waits for a client-id claim
    // in the store (ConnectionAdmission.claimThenReceive), so the round trip may come back first.
    if (code === null && attack.mustClose && !concurrent) code = await socket.closeWithin(5_000)
    const counts = (this.summary.attacks[attack.kind] ??= {})
    const outcome = code === null ? 'open' : String(code)
    counts[outcome] = (counts[outcome] ?? 0) + 1
    this.journal[journalIndex] += ` → ${outcome}`
    if (concurrent) return
    if (attack.mustClose && (code === null || !attack.mustClose.includes(code))) {
      throw new Error(`${attack.kind} must be refused with ${attack.mustClose.join('/')}, got ${outcome}`)
    }
    for (const id of attack.neverApplied ?? []) {
      for (const { where, room } of this.rooms()) {
        if (room?.records.has(id)) throw new Error(`${where} kept ${id} from a refused update`)
      }
    }
  }

  /** The room of every instance someone honest is connected to (a reload may leave one empty). */
  private rooms() {
    return this.servers.flatMap((s, i) =>
      this.honest.some((h) => h.server === s)
        ? [{ where: `room on instance ${i}`, room: s.server.rooms.getLoaded(this.boardId) }]
        : [],
    )
  }

  private async checkInvariants(): Promise<void> {
    for (const h of this.honest) {
      const terminal = h.client.closes.filter((c) => c.code >= 4400 && c.code < 4500)
      if (terminal.length > 0) throw new Error(`honest ${h.name} was closed: ${JSON.stringify(terminal)}`)
    }
    // Presence: what an honest client shows for another honest client is that client's own state.
    for (const viewer of this.honest) {
      for (const subject of this.honest) {
        const state = viewer.client.provider.awareness.getStates().get(subject.client.doc.clientID)
        if (state && JSON.stringify(state).includes(HOSTILE_MARK)) {
          throw new Error(
            `${viewer.name} shows an attacker's presence under ${subject.name}'s id: ${JSON.stringify(state).slice(0, 120)}`,
          )
        }
      }
    }
    const views: RecordView[] = this.honest.map((h) => ({
      where: `${h.name}'s client`,
      records: h.client.records,
    }))
    for (const { where, room } of this.rooms()) {
      if (!room) throw new Error(`${where} is not loaded while clients are connected`)
      if (room.doc.store.pendingStructs !== null || room.doc.store.pendingDs !== null) {
        throw new Error(
          `${where} holds pending ${room.doc.store.pendingStructs ? 'structs' : ''} ${room.doc.store.pendingDs ? 'deletes' : ''}`,
        )
      }
      views.push({ where, records: room.records })
    }
    // Rooms first: a change on one instance reaches the other's clients a moment later.
    await waitFor(() => this.violation(views) === null, { timeout: 5_000, what: 'settling' }).catch(() => undefined)
    const problem = this.violation(views)
    if (problem) throw new Error(problem)
  }

  /** The first way in which a view differs from the model, or null. */
  private violation(views: RecordView[]): string | null {
    return findViolation(views, this.model, new Set(this.honest.map((h) => h.userId)), this.pageName)
  }

  private describe(id: string): string {
    return this.rooms()
      .map(({ where, room }) => `${where}: ${JSON.stringify(summarise(room?.records.get(id)))}`)
      .join('; ')
  }

  /** Everyone converges; after unloading, the store and fresh clients on every instance hold the same. */
  private async checkConvergence(): Promise<void> {
    const snapshot = () => JSON.stringify(recordsOf(this.honest[0]!.client.doc))
    await waitFor(
      () => {
        const expected = snapshot()
        return (
          this.honest.every((h) => JSON.stringify(recordsOf(h.client.doc)) === expected) &&
          this.rooms().every(({ room }) => room && JSON.stringify(recordsOf(room.doc)) === expected)
        )
      },
      { timeout: 5_000, what: 'all honest clients and rooms hold the same records' },
    )
    const final = recordsOf(this.honest[0]!.client.doc)
    for (const [id, record] of Object.entries(final)) {
      const bytes = JSON.stringify(record).length
      if (bytes > this.summary.largestRecord.bytes) this.summary.largestRecord = { id: id.slice(0, 40), bytes }
    }
    this.summary.documentBytes = Y.encodeStateAsUpdate(this.rooms()[0]!.room!.doc).byteLength
    this.tearDown()
    for (const server of this.servers) await waitForUnload(server, this.boardId)
    const stored = recordsOf(await storedBoardDoc(this.servers[0]!, this.boardId))
    if (JSON.stringify(stored) !== JSON.stringify(final)) {
      throw new Error(`the store differs from what the clients held: ${diffKeys(final, stored)}`)
    }
    for (const [i, server] of this.servers.entries()) {
      const fresh = await connectClient(server.url, this.boardId, this.facilitatorToken)
      const seen = recordsOf(fresh.doc)
      const size = fresh.doc.store.clients.size
      fresh.destroy()
      if (JSON.stringify(seen) !== JSON.stringify(stored)) {
        throw new Error(`a fresh client on instance ${i} sees other records than the store: ${diffKeys(stored, seen)}`)
      }
      if (size === 0) throw new Error(`a fresh client on instance ${i} got an empty board`)
    }
    await waitFor(() => this.servers.every((s) => !s.server.rooms.getLoaded(this.boardId)), { what: 'unloaded again' })
  }
}
