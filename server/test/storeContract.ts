import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardRow, NewWorkshop, Store, TokenGrant } from '../src/store/Store.ts'

let counter = 0
const uid = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${++counter}_${randomBytes(4).toString('hex')}`
const joinCode = () => randomBytes(6).toString('hex').toUpperCase()

function newWorkshop(boardCount = 2, code = joinCode()): NewWorkshop & { facilitatorHash: string } {
  const workshopId = uid('ws')
  const boards: BoardRow[] = Array.from({ length: boardCount }, (_, position) => ({
    id: uid('b'),
    workshopId,
    title: `Tisch ${position + 1} – Ümläute & ß`,
    question: position === 0 ? 'Was wünschen wir uns?' : '',
    template: 'blank',
    position,
    createdAt: 1_700_000_000_000 + position,
    locked: false,
    phase: 'collect',
    ideaCount: 0,
    lastActivityAt: null,
  }))
  const facilitatorHash = uid('hash')
  const doc = new Y.Doc()
  doc.getArray('records').push([{ key: 'document:document', val: { id: 'document:document' } }])
  return {
    facilitatorHash,
    workshop: {
      id: workshopId,
      title: 'Zukunftswerkstatt',
      language: 'en',
      date: '2025-03-01',
      joinCode: code,
      createdAt: 1_700_000_000_000,
    },
    // Deliberately out of position order in the input: listBoards must sort.
    boards: [...boards].reverse(),
    tokens: [
      {
        tokenHash: facilitatorHash,
        grant: { role: 'facilitator', workshopId, boardId: null, subjectId: uid('f'), revokedAt: null },
      },
    ],
    initialDocuments: boards.map((b) => ({ boardId: b.id, snapshot: Y.encodeStateAsUpdate(doc) })),
  }
}

/**
 * The behaviour every Store must have, whatever the database. `open` gives a fresh, migrated
 * store; `cleanup` removes whatever it created.
 */
/** The grant of a token hash as authentication reads it (`findTokenHolder`), or null. */
async function grantOf(store: Store, tokenHash: string): Promise<TokenGrant | null> {
  return (await store.findTokenHolder(tokenHash))?.grant ?? null
}

export function runStoreContract(
  name: string,
  open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>,
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store
    let cleanup: () => Promise<void>

    beforeAll(async () => {
      ;({ store, cleanup } = await open())
    })
    afterAll(async () => {
      await store?.close()
      await cleanup?.()
    })

    it('answers ping', async () => {
      expect(await store.ping()).toBe(true)
    })

    it('stores a workshop and finds it by id and by join code', async () => {
      const input = newWorkshop()
      await store.createWorkshop(input)
      // Settings made later start at their defaults.
      const stored = { ...input.workshop, hideAuthors: false, retentionDays: null }
      expect(await store.getWorkshop(input.workshop.id)).toEqual(stored)
      expect(await store.findWorkshopByJoinCode(input.workshop.joinCode)).toEqual(stored)
      expect(await store.getWorkshop('ws_missing')).toBeNull()
      expect(await store.findWorkshopByJoinCode('NOPE00')).toBeNull()
    })

    it('keeps report settings: table facilitator and hidden authors', async () => {
      const input = newWorkshop(1)
      await store.createWorkshop(input)
      const boardId = input.boards[0]!.id
      await store.setTableFacilitator(boardId, 'Grete')
      await store.setHideAuthors(input.workshop.id, true)
      expect((await store.getBoard(boardId))?.facilitatorName).toBe('Grete')
      expect((await store.getWorkshop(input.workshop.id))?.hideAuthors).toBe(true)
      await store.setTableFacilitator(boardId, null)
      await store.setHideAuthors(input.workshop.id, false)
      expect((await store.getBoard(boardId))?.facilitatorName).toBeNull()
      expect((await store.getWorkshop(input.workshop.id))?.hideAuthors).toBe(false)
    })

    it('keeps a board’s kind and whether participants are offered it', async () => {
      const input = newWorkshop(2)
      input.boards[0] = { ...input.boards[0]!, kind: 'plenary', openToParticipants: false }
      await store.createWorkshop(input)
      const [plenary, table] = [input.boards[0]!.id, input.boards[1]!.id]
      expect(await store.getBoard(plenary)).toMatchObject({ kind: 'plenary', openToParticipants: false })
      // A row written without a kind is a table, open to participants.
      expect(await store.getBoard(table)).toMatchObject({ kind: 'table', openToParticipants: true })
      await store.setOpenToParticipants(plenary, true)
      expect((await store.getBoard(plenary))?.openToParticipants).toBe(true)
      expect((await store.getBoard(table))?.openToParticipants).toBe(true)
    })

    it('lists boards by position and gets one board', async () => {
      const input = newWorkshop(3)
      await store.createWorkshop(input)
      const listed = await store.listBoards(input.workshop.id)
      expect(listed.map((b) => b.position)).toEqual([0, 1, 2])
      const expected = [...input.boards].sort((a, b) => a.position - b.position)
      expect(listed).toMatchObject(
        expected.map(({ id, workshopId, title, question, template, position, createdAt }) => ({
          id,
          workshopId,
          title,
          question,
          template,
          position,
          createdAt,
        })),
      )
      expect(await store.getBoard(listed[1]!.id)).toEqual(listed[1])
      expect(await store.getBoard('b_missing')).toBeNull()
      expect(await store.listBoards('ws_missing')).toEqual([])
    })

    it('creates a workshop atomically: a duplicate join code leaves nothing behind', async () => {
      const first = newWorkshop()
      await store.createWorkshop(first)
      const clash = newWorkshop(1, first.workshop.joinCode)
      await expect(store.createWorkshop(clash)).rejects.toThrow()
      expect(await store.getWorkshop(clash.workshop.id)).toBeNull()
      expect(await store.getBoard(clash.boards[0]!.id)).toBeNull()
      expect(await grantOf(store, clash.facilitatorHash)).toBeNull()
    })

    it('keeps token grants and finds them by hash', async () => {
      const input = newWorkshop()
      await store.createWorkshop(input)
      expect(await grantOf(store, input.facilitatorHash)).toEqual(input.tokens[0]!.grant)
      const grant: TokenGrant = {
        role: 'projector',
        workshopId: input.workshop.id,
        boardId: input.boards[0]!.id,
        subjectId: uid('v'),
        revokedAt: null,
      }
      const hash = uid('hash')
      await store.addToken(hash, grant)
      expect(await grantOf(store, hash)).toEqual(grant)
      // Not a participant's token: no participant, even if an id happened to match one.
      expect(await store.findTokenHolder(hash)).toEqual({ grant, participant: null })
      const revoked: TokenGrant = { ...grant, subjectId: uid('v'), revokedAt: 1_700_000_000_123 }
      const revokedHash = uid('hash')
      await store.addToken(revokedHash, revoked)
      expect(await grantOf(store, revokedHash)).toEqual(revoked)
      expect(await grantOf(store, 'unknown')).toBeNull()
    })

    it('adds a participant together with its token', async () => {
      const input = newWorkshop()
      await store.createWorkshop(input)
      const participant = {
        id: uid('p'),
        workshopId: input.workshop.id,
        name: 'Zoë 🦊 <script>',
        createdAt: 1_700_000_000_500,
        revokedAt: null,
      }
      const hash = uid('hash')
      await store.addParticipant(participant, hash)
      expect(await store.getParticipant(participant.id)).toEqual(participant)
      expect(await store.getParticipant('p_missing')).toBeNull()
      // Authentication reads grant and participant in one statement.
      expect(await store.findTokenHolder(hash)).toEqual({
        grant: {
          role: 'participant',
          workshopId: input.workshop.id,
          boardId: null,
          subjectId: participant.id,
          revokedAt: null,
        },
        participant: { name: participant.name, revokedAt: null },
      })
      expect(await store.findTokenHolder('unknown')).toBeNull()
    })

    it('lists participants of a workshop and revokes one with all their tokens', async () => {
      const input = newWorkshop(1)
      await store.createWorkshop(input)
      const other = newWorkshop(1)
      await store.createWorkshop(other)
      const ada = {
        id: uid('p'),
        workshopId: input.workshop.id,
        name: 'Ada',
        createdAt: 1_700_000_000_001,
        revokedAt: null,
      }
      const bob = {
        id: uid('p'),
        workshopId: input.workshop.id,
        name: 'Bob',
        createdAt: 1_700_000_000_002,
        revokedAt: null,
      }
      const adaHash = uid('hash')
      await store.addParticipant(bob, uid('hash'))
      await store.addParticipant(ada, adaHash)
      expect(await store.listParticipants(input.workshop.id)).toEqual([ada, bob])
      expect(await store.listParticipants(other.workshop.id)).toEqual([])

      // Another workshop's facilitator cannot revoke Ada; unknown ids are reported as such.
      expect(await store.revokeParticipant(other.workshop.id, ada.id, 1_700_000_001_000)).toBe(false)
      expect(await store.revokeParticipant(input.workshop.id, 'p_missing', 1_700_000_001_000)).toBe(false)
      expect((await grantOf(store, adaHash))?.revokedAt).toBeNull()

      expect(await store.revokeParticipant(input.workshop.id, ada.id, 1_700_000_001_000)).toBe(true)
      expect((await store.getParticipant(ada.id))?.revokedAt).toBe(1_700_000_001_000)
      expect((await grantOf(store, adaHash))?.revokedAt).toBe(1_700_000_001_000)
      expect((await store.findTokenHolder(adaHash))?.participant).toEqual({ name: 'Ada', revokedAt: 1_700_000_001_000 })
      expect((await store.getParticipant(bob.id))?.revokedAt).toBeNull()
    })

    it('updates board state (lock, phase) of one board only', async () => {
      const input = newWorkshop(2)
      await store.createWorkshop(input)
      const [first, second] = [...input.boards].sort((a, b) => a.position - b.position)
      await store.updateBoardState(first!.id, { locked: true, phase: 'vote' })
      expect(await store.getBoard(first!.id)).toMatchObject({ locked: true, phase: 'vote', title: first!.title })
      expect(await store.getBoard(second!.id)).toMatchObject({ locked: false, phase: 'collect' })
      await store.updateBoardState(first!.id, { locked: false })
      expect(await store.getBoard(first!.id)).toMatchObject({ locked: false, phase: 'vote' })
    })

    it('starts a board document from its initial snapshot', async () => {
      const input = newWorkshop(1)
      await store.createWorkshop(input)
      const stored = await store.loadBoardDocument(input.boards[0]!.id)
      expect(stored.snapshot).toEqual(input.initialDocuments[0]!.snapshot)
      expect(stored.updates).toEqual([])
      expect(await store.loadBoardDocument('b_never_created')).toEqual({ snapshot: null, updates: [] })
    })

    it('binds each Yjs client id to its first claimant, also when claims race', async () => {
      const input = newWorkshop(2)
      await store.createWorkshop(input)
      const [one, two] = input.boards.map((b) => b.id) as [string, string]
      const big = 0xffffffff // client ids are unsigned 32-bit
      const racing = await Promise.all(
        ['user_a', 'user_b', 'user_c'].map((ownerId) => store.claimClientIds(one, [{ clientId: big, ownerId }])),
      )
      const winner = racing[0]!.get(big)
      expect(['user_a', 'user_b', 'user_c']).toContain(winner)
      for (const owners of racing) expect(owners.get(big)).toBe(winner)
      // Claiming again changes nothing; another board's ids are its own.
      const again = await store.claimClientIds(one, [
        { clientId: big, ownerId: 'user_x' },
        { clientId: 7, ownerId: 'user_x' },
      ])
      expect(again).toEqual(
        new Map([
          [big, winner],
          [7, 'user_x'],
        ]),
      )
      expect(await store.claimClientIds(two, [{ clientId: big, ownerId: 'user_y' }])).toEqual(
        new Map([[big, 'user_y']]),
      )
    })

    it('appends updates with increasing sequence numbers and returns them in order, byte-exact', async () => {
      const boardId = uid('b')
      const allBytes = new Uint8Array(256).map((_, i) => i)
      const payloads = [new Uint8Array([1]), allBytes, new Uint8Array([0, 0, 0]), randomBytes(64 * 1024)]
      const seqs: number[] = []
      for (const data of payloads) seqs.push(await store.appendUpdate(boardId, data))
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!)
      const stored = await store.loadBoardDocument(boardId)
      expect(stored.updates.map((u) => u.seq)).toEqual(seqs)
      expect(stored.updates.map((u) => [...u.data])).toEqual(payloads.map((p) => [...p]))
    })

    it('keeps the logs of different boards apart, also under concurrent appends', async () => {
      const a = uid('b')
      const b = uid('b')
      const writes = Array.from({ length: 20 }, (_, i) => store.appendUpdate(i % 2 ? a : b, new Uint8Array([i])))
      const seqs = await Promise.all(writes)
      expect(new Set(seqs).size).toBe(20)
      const logA = await store.loadBoardDocument(a)
      const logB = await store.loadBoardDocument(b)
      // Concurrent writers commit in any order; the log is in seq order and loses nothing.
      for (const log of [logA, logB]) {
        const order = log.updates.map((u) => u.seq)
        expect(order).toEqual([...order].sort((x, y) => x - y))
      }
      expect(logA.updates.map((u) => u.data[0]).sort((x, y) => x! - y!)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19])
      expect(logB.updates.map((u) => u.data[0]).sort((x, y) => x! - y!)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18])
      const seqOf = new Map(seqs.map((seq, i) => [i, seq]))
      for (const u of [...logA.updates, ...logB.updates]) expect(u.seq).toBe(seqOf.get(u.data[0]!))
    })

    it('compaction replaces the snapshot and removes only updates up to upToSeq', async () => {
      const boardId = uid('b')
      const other = uid('b')
      const otherSeq = await store.appendUpdate(other, new Uint8Array([9]))
      const s1 = await store.appendUpdate(boardId, new Uint8Array([1]))
      const s2 = await store.appendUpdate(boardId, new Uint8Array([2]))
      const s3 = await store.appendUpdate(boardId, new Uint8Array([3]))
      await store.compact(boardId, new Uint8Array([7, 7]), s2)
      const stored = await store.loadBoardDocument(boardId)
      expect(stored.snapshot && [...stored.snapshot]).toEqual([7, 7])
      expect(stored.updates).toEqual([{ seq: s3, data: new Uint8Array([3]) }])
      expect(s1).toBeLessThan(s2)
      // Another board's log is untouched, even though its seq is below upToSeq.
      expect((await store.loadBoardDocument(other)).updates).toEqual([{ seq: otherSeq, data: new Uint8Array([9]) }])
      // The compacted entries are really gone, not just hidden by up_to_seq: a snapshot marked
      // with an older seq would otherwise bring them back.
      await store.compact(boardId, new Uint8Array([7, 7]), s1)
      expect((await store.loadBoardDocument(boardId)).updates.map((u) => u.seq)).toEqual([s3])
      // A second compaction replaces the first snapshot.
      await store.compact(boardId, new Uint8Array([8]), s3)
      expect(await store.loadBoardDocument(boardId)).toEqual({ snapshot: new Uint8Array([8]), updates: [] })
    })

    it('load = snapshot + later updates rebuilds the same Yjs document', async () => {
      const input = newWorkshop(1)
      await store.createWorkshop(input)
      const boardId = input.boards[0]!.id
      const source = new Y.Doc()
      Y.applyUpdate(source, input.initialDocuments[0]!.snapshot)
      const records = source.getArray<{ key: string; val: unknown }>('records')
      const appendChange = async (write: () => void) => {
        const before = Y.encodeStateVector(source)
        write()
        return store.appendUpdate(boardId, Y.encodeStateAsUpdate(source, before))
      }
      await appendChange(() => records.push([{ key: 'shape:a', val: { text: 'eins' } }]))
      const upTo = await appendChange(() => records.push([{ key: 'shape:b', val: { text: 'zwei' } }]))
      await store.compact(boardId, Y.encodeStateAsUpdate(source), upTo)
      await appendChange(() => records.delete(0, 1))
      await appendChange(() => records.push([{ key: 'shape:c', val: { text: 'drei' } }]))

      const stored = await store.loadBoardDocument(boardId)
      expect(stored.updates).toHaveLength(2)
      const rebuilt = new Y.Doc()
      if (stored.snapshot) Y.applyUpdate(rebuilt, stored.snapshot)
      for (const u of stored.updates) Y.applyUpdate(rebuilt, u.data)
      expect(rebuilt.getArray('records').toJSON()).toEqual(records.toJSON())
      expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(source))
    })
  })
}
