import { getBoardSchema } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { BoardExportFormats, exportBoard, exportWorkshop, updateExportSettings } from '@pinnwand/shared/exportRoutes'
import * as routes from '@pinnwand/shared/privatePhaseRoutes'
import type { TLRecord } from '@tldraw/tlschema'
import { unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prepareImportedRecords } from '../src/domain/importBoard.ts'
import { fileExtension } from '../src/export/renderExport.ts'
import { PERSON_RECORD_VERDICT } from '../src/sync/recordPolicy.ts'
import { pdfText, squash } from './exportParsers.ts'
import { callRoute } from './helpers/callRoute.ts'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  joinParticipant,
  serverRoundTrip,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

type Person = { name: string; participantId: string; participantToken: string }

const userRecord = (person: Person): TLRecord =>
  ({
    id: `user:${person.participantId}`,
    typeName: 'user',
    name: person.name,
    color: '#e03131',
    imageUrl: '',
    meta: {},
  }) as unknown as TLRecord

/**
 * Issue 17, "anonymous means anonymous": after a reveal without names, no export names anyone
 * who was at the table, and neither does the board document. tldraw's `user:` person records
 * (name, colour) are not board content: the server refuses them and the reveal removes those
 * an older web app left behind (docs/architecture.md, decision 33).
 */
describe('Stilles Sammeln: an anonymous reveal names nobody in any export', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let people: Person[]
  const closeLater: BoardClient[] = []
  const texts = ['Mehr Bänke im Park', 'Nachtbus bis eins', 'Tauschregal im Foyer']

  beforeEach(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    people = []
    for (const name of ['Adelheid Quastenflosser', 'Bartholomäus Zwirbelbart']) {
      people.push({ name, ...(await joinParticipant(t.url, workshop, name)) })
    }
  })
  afterEach(async () => {
    for (const c of closeLater.splice(0)) c.provider.destroy()
    await t.stop()
  })

  const bytesOf = async (file: Blob) => Buffer.from(await file.arrayBuffer())
  const download = async (format: string): Promise<Buffer> =>
    bytesOf(
      await callApi(
        exportBoard,
        { params: { boardId }, query: { format }, token: workshop.facilitatorToken },
        { baseUrl: t.url },
      ),
    )
  /** What a reader finds in a file: PDF text, the XML of Office files, text formats as they are. */
  const readable = async (name: string, bytes: Buffer): Promise<string> => {
    if (name.endsWith('.pdf')) return pdfText(bytes)
    if (name.endsWith('.docx') || name.endsWith('.xlsx')) {
      return Object.values(unzipSync(bytes))
        .map((entry) => Buffer.from(entry).toString('utf8'))
        .join('\n')
    }
    if (name.endsWith('.png')) return ''
    return bytes.toString('utf8')
  }
  const expectNobodyIn = (what: string, text: string) => {
    const squashed = squash(text)
    for (const person of people) {
      for (const part of [person.name, ...person.name.split(' ')]) {
        expect(squashed.includes(squash(part)), `${what} names ${part}`).toBe(false)
      }
      expect(text.includes(person.participantId), `${what} has ${person.name}'s id`).toBe(false)
    }
  }

  it('keeps names and ids out of the document and every export format, the workshop ZIP included', async () => {
    const [ada, ben] = people as [Person, Person]
    // An older web app left Ben's person record in the document.
    const room = await t.server.rooms.open(boardId)
    await room.change((records) => records.set(`user:${ben.participantId}`, userRecord(ben)))
    t.server.rooms.releaseIfIdle(room)

    // Ada's browser writes one now: refused and reverted, like any refused write.
    const adaClient = await connectClient(t.url, boardId, ada.participantToken)
    closeLater.push(adaClient)
    expect(adaClient.records.has(`user:${ben.participantId}`)).toBe(true)
    adaClient.records.set(`user:${ada.participantId}`, userRecord(ada))
    await serverRoundTrip(adaClient.provider)
    await waitFor(() => !adaClient.records.has(`user:${ada.participantId}`), { what: 'the person record is reverted' })
    expect(PERSON_RECORD_VERDICT).toMatch(/person records/)

    // The facilitator asks for names in the report; only the anonymous reveal keeps them out.
    const settings = await callRoute(t.url, updateExportSettings, {
      params: { workshopId: workshop.workshopId },
      token: workshop.facilitatorToken,
      body: { showAuthors: true },
    })
    expect(settings.status).toBe(200)
    const started = await callRoute(t.url, routes.startPrivatePhase, {
      params: { boardId },
      body: { facilitatorSeesTexts: true },
      token: workshop.facilitatorToken,
    })
    expect(started.status).toBe(200)
    for (const [i, text] of texts.entries()) {
      const token = people[i % 2]!.participantToken
      const made = await callRoute(t.url, routes.createPrivateCard, { params: { boardId }, body: { text }, token })
      expect(made.status).toBe(201)
    }
    const revealed = await callRoute(t.url, routes.revealPrivateCards, {
      params: { boardId },
      body: { anonymous: true },
      token: workshop.facilitatorToken,
    })
    expect(revealed.status).toBe(200)
    await waitFor(() => adaClient.texts().length === 3, { what: 'the cards are revealed' })

    // The document: the cards, no person record, no name, no id.
    const records = [...adaClient.records.map.values()].map((entry) => entry.val)
    expect(records.filter((record) => record.typeName === 'user')).toEqual([])
    expectNobodyIn('the board document', JSON.stringify(records))

    // Every format of the board export, and every file of the workshop ZIP.
    for (const format of BoardExportFormats) {
      const text = await readable(`x.${fileExtension(format)}`, await download(format))
      if (format !== 'png' && format !== 'svg') {
        for (const card of texts) expect(squash(text).includes(squash(card)), `${format} has "${card}"`).toBe(true)
      }
      expectNobodyIn(format, text)
    }
    const zip = unzipSync(
      await bytesOf(
        await callApi(
          exportWorkshop,
          { params: { workshopId: workshop.workshopId }, query: { format: 'zip' }, token: workshop.facilitatorToken },
          { baseUrl: t.url },
        ),
      ),
    )
    expect(Object.keys(zip).length).toBeGreaterThan(5)
    for (const [name, bytes] of Object.entries(zip)) expectNobodyIn(name, await readable(name, Buffer.from(bytes)))

    // And the stored document, once compacted.
    await t.server.rooms.getLoaded(boardId)?.flushAndCompact()
    const stored = await t.server.store.loadBoardDocument(boardId)
    const bytes = Buffer.concat([Buffer.from(stored.snapshot ?? []), ...stored.updates.map((u) => Buffer.from(u.data))])
    for (const person of people) {
      expect(bytes.includes(Buffer.from(person.name)), `stored document names ${person.name}`).toBe(false)
      expect(bytes.includes(Buffer.from(person.participantId)), 'stored document has an id').toBe(false)
    }
  }, 90_000)

  it('leaves person records out of the JSON backup whatever the board holds, and out of an import', async () => {
    const [ada] = people as [Person]
    const room = await t.server.rooms.open(boardId)
    await room.change((records) => records.set(`user:${ada.participantId}`, userRecord(ada)))
    t.server.rooms.releaseIfIdle(room)
    const backup = JSON.parse((await download('json')).toString('utf8')) as {
      document: { schema: unknown; records: { typeName: string }[] }
    }
    expect(backup.document.records.some((record) => record.typeName === 'document')).toBe(true)
    expect(backup.document.records.filter((record) => record.typeName === 'user')).toEqual([])
    expectNobodyIn('the JSON backup', JSON.stringify(backup))

    // An older backup (or a stored version) that still holds one: imported without it.
    const older = [...backup.document.records, userRecord(ada)]
    const prepared = prepareImportedRecords(getBoardSchema(), backup.document.schema, older)
    expect(prepared.ok).toBe(true)
    if (prepared.ok) {
      expect(prepared.records).toHaveLength(backup.document.records.length)
      expect(prepared.records.some((record) => record.typeName === 'user')).toBe(false)
    }
  })
})
