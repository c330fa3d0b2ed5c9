import { monotonicMs } from '../lib/stats.ts'
import { type BenchClient } from './clientAdapters.ts'
import { benchCardId, cursorAt, ideaCardRecord, readStamp } from './cards.ts'

/** Board (room) → card id → sequence number. */
export type SeqByRoom = Record<string, Record<string, number>>

/** The load one worker offers while measuring: its share of the board's edits, every cursor. */
export interface LoadPlan {
  /** Card edits per second this worker sends (spread over its clients in turn). */
  editsPerSecond: number
  /** Awareness (cursor) updates per second per client; 0 for none. */
  cursorHz: number
  durationMs: number
  /**
   * Every how many clients one goes on applying the server's document updates during the run
   * (the rest only count their bytes, `BenchClient.skipDocumentUpdates`); 1 or absent: all.
   * Delivery (latency, nothing lost) is checked on the applying clients.
   */
  applyEvery?: number
}

/**
 * Which clients write a card and where it goes. Default: every client, 40 to a row from (0, 0).
 * A crowd bench gives cards to the first `upTo` people only, so the board keeps its size.
 */
export interface CardLayout {
  upTo?: number
  columns?: number
  origin?: { x: number; y: number }
}

/** What one worker sent during the run, and the presence it received meanwhile. */
export interface RunSummary {
  /** Edits this worker sent: board → card id → the last sequence number sent. */
  lastSeq: SeqByRoom
  editsSent: number
  /** Presence messages from the server during the run, summed over this worker's clients. */
  awarenessEvents: number
  /** Client states carried by those messages. */
  awarenessStates: number
  /** WebSocket bytes this worker's clients received during the run (server egress to them). */
  bytesReceived: number
  measuredMs: number
  /** Clients of this worker that applied the document updates (and so checked delivery). */
  applyingClients: number
}

/** What this worker's clients received, up to the end of the drain period. */
export interface Received {
  /** End-to-end latency of every edit seen by a client other than its sender, in ms. */
  latencies: Float64Array
  syncedClients: number
}

/**
 * Card edits and cursor movement of a worker's clients, plus what they receive. Every client
 * owns one card (`shape:bench-<index>`); an edit rewrites it with a new text and a stamp
 * (sequence number, send time). Receivers measure latency from the stamp.
 */
export class EditLoad {
  private readonly clients: BenchClient[]
  private latencies = new Float64Array(1 << 16)
  private latencyCount = 0
  private counting = false
  private awarenessEvents = 0
  private awarenessStates = 0
  /** Cursor moves and edits sent since this load began (the offered load, as actually sent). */
  sent = { cursors: 0, edits: 0 }
  /** When the running load ends (monotonic ms); `stop()` brings it forward. */
  private end = 0
  private readonly seqByCard = new Map<string, number>()
  private readonly lastSeq: SeqByRoom = {}
  /** Per client: the last stamped sequence seen per card (for the final completeness check). */
  private readonly seen: Map<string, number>[]
  /** Clients that stopped applying document updates (`LoadPlan.applyEvery`); not checked. */
  private readonly light = new Set<BenchClient>()

  constructor(clients: BenchClient[]) {
    this.clients = clients
    this.seen = clients.map(() => new Map())
    clients.forEach((client, i) => this.observe(client, this.seen[i]!))
  }

  /** Every client (or the first `upTo`) writes its own card (not stamped, not measured). */
  createCards({ upTo = Infinity, columns = 40, origin = { x: 0, y: 0 } }: CardLayout = {}): void {
    for (const client of this.clients) {
      const { index, userId, name } = client.spec
      if (index >= upTo) continue
      client.records.set(
        benchCardId(index),
        ideaCardRecord(
          benchCardId(index),
          { userId, name },
          `Idee ${index}`,
          { x: origin.x + (index % columns) * 240, y: origin.y + Math.floor(index / columns) * 180 },
          { benchSeq: 0, benchSentAt: 0 },
        ),
      )
    }
  }

  /** Ends a running load now (a crowd bench runs it open-ended while it measures the browser). */
  stop(): void {
    this.end = Math.min(this.end, monotonicMs())
  }

  /** How many bench cards the emptiest client holds. */
  minCardsSeen(): number {
    let min = Infinity
    for (const client of this.clients) {
      let n = 0
      for (const key of client.records.map.keys()) if (key.startsWith('shape:bench-')) n++
      min = Math.min(min, n)
    }
    return min === Infinity ? 0 : min
  }

  /** Offers the plan's load (open loop: late timers catch up instead of lowering the rate). */
  async run(plan: LoadPlan): Promise<RunSummary> {
    this.latencyCount = 0
    this.awarenessEvents = 0
    this.awarenessStates = 0
    this.counting = true
    const applyEvery = Math.max(1, plan.applyEvery ?? 1)
    for (const client of this.clients) {
      if (client.spec.index % applyEvery === 0 || this.light.has(client)) continue
      client.skipDocumentUpdates()
      this.light.add(client)
    }
    const bytesBefore = this.bytesReceived()
    const start = monotonicMs()
    this.end = start + plan.durationMs
    const editInterval = plan.editsPerSecond > 0 ? 1000 / plan.editsPerSecond : Infinity
    const cursorInterval = plan.cursorHz > 0 ? 1000 / plan.cursorHz : Infinity
    // Each client's cursor starts at a random phase, so cursors don't move in lockstep.
    const nextCursor = this.clients.map(() => start + Math.random() * cursorInterval)
    const cursorTicks = this.clients.map(() => 0)
    let nextEdit = start + Math.random() * Math.min(editInterval, 1000)
    // Edits come from the clients that own a card (all of them unless a CardLayout said otherwise).
    const editors = this.clients.filter((client) => client.records.get(benchCardId(client.spec.index)))
    let editTurn = 0
    let editsSent = 0

    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = monotonicMs()
        for (let i = 0; i < this.clients.length; i++) {
          if (nextCursor[i]! > now) continue
          nextCursor[i]! += cursorInterval
          const client = this.clients[i]!
          if (!client.synced) continue
          this.sent.cursors++
          client.awareness.setLocalState({
            user: { id: client.spec.userId, name: client.spec.name, color: '#1971c2', role: 'participant' },
            cursor: cursorAt(client.spec.index, cursorTicks[i]!++),
            pageId: 'page:page',
          })
        }
        while (nextEdit <= now && nextEdit < this.end) {
          nextEdit += editInterval
          const client = editors[editTurn++ % editors.length]
          if (!client?.synced) continue
          this.edit(client)
          editsSent++
          this.sent.edits++
        }
        if (now >= this.end) {
          clearInterval(timer)
          resolve()
        }
      }, 10)
    })
    return {
      lastSeq: this.lastSeq,
      editsSent,
      awarenessEvents: this.awarenessEvents,
      awarenessStates: this.awarenessStates,
      bytesReceived: this.bytesReceived() - bytesBefore,
      measuredMs: monotonicMs() - start,
      applyingClients: this.clients.length - this.light.size,
    }
  }

  /** Stops counting and hands over what was received (call after the drain period). */
  collect(): Received {
    this.counting = false
    return {
      latencies: this.latencies.slice(0, this.latencyCount),
      syncedClients: this.clients.filter((c) => c.synced).length,
    }
  }

  /**
   * Cards whose latest edit (by `expected`, board → card id → last sequence sent) some client of this
   * worker still lacks: each (client, card) pair counts once.
   */
  missing(expected: SeqByRoom): number {
    let missing = 0
    this.clients.forEach((client, i) => {
      if (this.light.has(client)) return
      const seen = this.seen[i]!
      for (const [cardId, seq] of Object.entries(expected[client.spec.room] ?? {})) {
        if (seq === 0 || cardId === benchCardId(client.spec.index)) continue
        if ((seen.get(cardId) ?? 0) < seq) missing++
      }
    })
    return missing
  }

  /** WebSocket bytes every client of this worker received so far. */
  bytesReceived(): number {
    return this.clients.reduce((sum, client) => sum + client.bytesReceived, 0)
  }

  private edit(client: BenchClient): void {
    const id = benchCardId(client.spec.index)
    const current = client.records.get(id)
    if (!current) return
    const seq = (this.seqByCard.get(id) ?? 0) + 1
    this.seqByCard.set(id, seq)
    ;(this.lastSeq[client.spec.room] ??= {})[id] = seq
    const record = current as { props: Record<string, unknown> }
    client.records.set(id, {
      ...current,
      props: { ...record.props, text: `Idee ${client.spec.index}, Fassung ${seq}` },
      meta: { benchSeq: seq, benchSentAt: monotonicMs() },
    } as typeof current)
  }

  private observe(client: BenchClient, seen: Map<string, number>): void {
    client.records.on(
      'change',
      (changes: Map<string, { action: string; newValue?: unknown }>, transaction: { local: boolean }) => {
        if (transaction.local) return
        const now = monotonicMs()
        for (const [id, change] of changes) {
          if (change.action === 'delete') continue
          const stamp = readStamp(change.newValue as never)
          if (!stamp || stamp.benchSeq === 0) continue
          if ((seen.get(id) ?? 0) >= stamp.benchSeq) continue
          seen.set(id, stamp.benchSeq)
          if (!this.counting) continue
          if (this.latencyCount === this.latencies.length) {
            const grown = new Float64Array(this.latencies.length * 2)
            grown.set(this.latencies)
            this.latencies = grown
          }
          this.latencies[this.latencyCount++] = now - stamp.benchSentAt
        }
      },
    )
    client.onAwarenessReceived((states) => {
      if (!this.counting) return
      this.awarenessEvents++
      this.awarenessStates += states
    })
  }
}
