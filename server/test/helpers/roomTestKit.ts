/**
 * Test kit for BoardRoom: fake connections and persistence, client documents that produce the
 * updates a real client would send, and a room factory. Only imported by tests.
 */
import { getBoardSchema, IDEA_CARD_TYPE, type IdeaCardShape, openRecords } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import * as decoding from 'lib0/decoding'
import pino from 'pino'
import * as Y from 'yjs'
import type { Actor } from '../../src/auth/Actor.ts'
import { createInitialBoardDocument } from '../../src/domain/boardDocument.ts'
import { featureRoomGuards } from '../../src/features/index.ts'
import type { Clock } from '../../src/sync/clock.ts'
import { BoardRoom, type RoomConnection, type RoomEvent, type RoomPersistence } from '../../src/sync/BoardRoom.ts'

export const schema = getBoardSchema()
export const logger = pino({ level: 'silent' })
export const initialState = Y.encodeStateAsUpdate(createInitialBoardDocument(schema))

/** A connection as the room sees it: it just collects what the room sends. */
export class FakeConnection implements RoomConnection {
  readonly sent: Uint8Array[] = []
  readonly closes: { code: number; reason: string }[] = []
  readonly id: string
  readonly actor: Actor
  constructor(id: string, role: Actor['role'] = 'participant') {
    this.id = id
    this.actor = { role, workshopId: 'ws_1', boardId: null, userId: `user_${id}`, name: id }
  }
  send(message: Uint8Array) {
    this.sent.push(message)
  }
  close(code: number, reason: string) {
    this.closes.push({ code, reason })
  }
  /** Decoded sync messages: step 0 = step1, 1 = step2, 2 = update. */
  syncMessages(step?: number) {
    return this.sent
      .map((bytes) => {
        const d = decoding.createDecoder(bytes)
        if (decoding.readVarUint(d) !== 0) return null
        return { step: decoding.readVarUint(d), payload: decoding.readVarUint8Array(d) }
      })
      .filter((m): m is { step: number; payload: Uint8Array } => m !== null && (step === undefined || m.step === step))
  }
}

/** A log in memory whose appends the test resolves (or fails) one by one, or at once. */
export class ManualPersistence implements RoomPersistence {
  readonly log: Uint8Array[] = []
  readonly attempts: { update: Uint8Array; resolve: () => void; reject: (e: Error) => void }[] = []
  readonly compactions: { snapshot: Uint8Array; upToSeq: number }[] = []
  auto = false
  catchUp?: () => Promise<void>
  append(update: Uint8Array): Promise<number> {
    if (this.auto) return Promise.resolve(this.log.push(update))
    return new Promise((resolve, reject) => {
      this.attempts.push({ update, resolve: () => resolve(this.log.push(update)), reject })
    })
  }
  async compact(snapshot: Uint8Array, upToSeq: number) {
    this.compactions.push({ snapshot, upToSeq })
  }
}

export async function until(predicate: () => boolean, what: string, timeout = 3000) {
  const deadline = Date.now() + timeout
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** A client's copy of the board: produces the updates a real client would send. */
export function clientDoc() {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initialState)
  const records = openRecords(doc)
  return {
    doc,
    records,
    /** Applies `write` locally and returns the resulting update. */
    write(write: (records: ReturnType<typeof openRecords>) => void): Uint8Array {
      const before = Y.encodeStateVector(doc)
      doc.transact(() => write(records))
      return Y.encodeStateAsUpdate(doc, before)
    },
  }
}

export const card = (
  authorId: string,
  text: string,
  id = `shape:${Math.random().toString(36).slice(2)}`,
): IdeaCardShape => ({
  id: id as IdeaCardShape['id'],
  typeName: 'shape',
  type: IDEA_CARD_TYPE,
  parentId: 'page:page' as IdeaCardShape['parentId'],
  index: 'a2' as IdeaCardShape['index'],
  x: 0,
  y: 0,
  rotation: 0,
  isLocked: false,
  opacity: 1,
  meta: {},
  // The author's name as the room knows it (FakeConnection: user id `user_<name>`).
  props: { w: 220, h: 160, text, color: 'yellow', author: authorId.replace(/^user_/, ''), authorId, createdAt: 1 },
})

export const containsText = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text))

export const recordsOf = (update: Uint8Array): Map<string, TLRecord> => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initialState)
  Y.applyUpdate(doc, update)
  return new Map([...openRecords(doc).map.entries()].map(([k, e]) => [k, e.val]))
}

/** A room on a fresh board with two participants connected (a, b) and its events collected. */
export function createTestRoom(options: { tickMs?: number; compactEvery?: number; clock?: Clock } = {}) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initialState)
  const persistence = new ManualPersistence()
  const room = new BoardRoom('b_1', doc, schema, persistence, {
    tickMs: options.tickMs ?? 15,
    awarenessMs: 50,
    compactEvery: options.compactEvery ?? 1000,
    guards: featureRoomGuards,
    clock: options.clock,
    logger,
  })
  const events: RoomEvent[] = []
  room.onEvent((event) => events.push(event))
  const a = new FakeConnection('a')
  const b = new FakeConnection('b')
  room.addConnection(a)
  room.addConnection(b)
  return { room, persistence, events, a, b }
}
