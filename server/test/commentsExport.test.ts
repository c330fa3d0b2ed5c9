import { type BoardComment, buildComment, getCommentsMap, readComments } from '@pinnwand/shared'
import { createCluster } from '@pinnwand/shared/boardRoutes'
import { createComment, listComments } from '@pinnwand/shared/commentRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { exportBoard, updateExportSettings } from '@pinnwand/shared/exportRoutes'
import { createIdea } from '@pinnwand/shared/ideaRoutes'
import { importBoard } from '@pinnwand/shared/importRoutes'
import { workshopOverview } from '@pinnwand/shared/workshopRoutes'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docxText, parseCsv, pdfText, squash } from './exportParsers.ts'
import { callRoute } from './helpers/callRoute.ts'
import {
  connectClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  serverRoundTrip,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'

/** Comments in every export format, and back in through the JSON import. */
describe('comments in exports and imports', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let clustered: string
  let loose: string
  const orphanText = 'KARTE-GELÖSCHT'

  beforeAll(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    const token = workshop.facilitatorToken
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const { cluster } = await callApi(
      createCluster,
      { params: { boardId }, body: { title: 'Mobilität' }, token },
      { baseUrl: t.url },
    )
    const addIdea = async (text: string, clusterId?: string) => {
      const created = await callApi(
        createIdea,
        { params: { boardId }, body: { text, ...(clusterId ? { clusterId } : {}) }, token },
        { baseUrl: t.url },
      )
      if (!('idea' in created)) throw new Error(`idea held for moderation: ${text}`)
      return created.idea.id
    }
    clustered = await addIdea('Radweg', cluster.id)
    loose = await addIdea('Bänke')
    const comment = (ideaId: string, text: string, who = ada.participantToken) =>
      callRoute(t.url, createComment, { params: { boardId, ideaId }, body: { text }, token: who })
    expect((await comment(clustered, 'Unbedingt <b>breit</b> genug')).status).toBe(201)
    expect((await comment(clustered, 'Mit Beleuchtung 💡', token)).status).toBe(201)
    expect((await comment(loose, 'Im Schatten, bitte')).status).toBe(201)

    // A card with a comment, then deleted: its comment stays in the document but in no export.
    const writer = await connectClient(t.url, boardId, ada.participantToken)
    const card = ideaCard(ada.participantId, 'wird gelöscht')
    writer.records.set(card.id, card)
    const orphan = buildComment({
      ideaId: card.id,
      text: orphanText,
      author: { userId: ada.participantId, name: 'Ada' },
    })
    getCommentsMap(writer.doc).set(orphan.id, orphan)
    await serverRoundTrip(writer.provider)
    writer.records.delete(card.id)
    await serverRoundTrip(writer.provider)
    expect(readComments(writer.doc).map((c) => c.text)).toContain(orphanText)
    writer.destroy()
  })
  afterAll(() => t?.stop())

  const download = async (format: string, board = boardId) => {
    const file = await callApi(
      exportBoard,
      { params: { boardId: board }, query: { format }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    return Buffer.from(await file.arrayBuffer())
  }
  const importInto = (body: unknown) =>
    callRoute(t.url, importBoard, {
      params: { workshopId: workshop.workshopId },
      token: workshop.facilitatorToken,
      body,
    })
  const boardCount = async () =>
    (
      await callApi(
        workshopOverview,
        { params: { workshopId: workshop.workshopId }, token: workshop.facilitatorToken },
        { baseUrl: t.url },
      )
    ).boards.length

  it('Markdown, PDF and DOCX show each comment under its idea; CSV counts them', async () => {
    // Names are printed only when the organiser chose so in the export settings.
    const shown = await callRoute(t.url, updateExportSettings, {
      params: { workshopId: workshop.workshopId },
      token: workshop.facilitatorToken,
      body: { showAuthors: true },
    })
    expect(shown.status).toBe(200)
    const md = (await download('md')).toString('utf8')
    const radweg = md.indexOf('Radweg')
    const baenke = md.indexOf('Bänke')
    expect(radweg).toBeGreaterThan(-1)
    expect(md.indexOf('Mit Beleuchtung 💡')).toBeGreaterThan(radweg)
    expect(md.indexOf('Im Schatten, bitte')).toBeGreaterThan(baenke)
    expect(md).not.toContain('<b>breit</b>') // markup in text is escaped, shown as text
    expect(md).toContain('Ada')
    expect(md).not.toContain(orphanText)

    const pdf = squash(await pdfText(await download('pdf')))
    for (const text of ['Unbedingt <b>breit</b> genug', 'Mit Beleuchtung', 'Im Schatten, bitte']) {
      expect(pdf).toContain(squash(text))
    }
    expect(pdf).not.toContain(squash(orphanText))

    const docx = unzipSync(await download('docx'))
    const docxBody = squash(docxText(new TextDecoder().decode(docx['word/document.xml'])))
    for (const text of ['Unbedingt <b>breit</b> genug', 'Mit Beleuchtung 💡', 'Im Schatten, bitte']) {
      expect(docxBody).toContain(squash(text))
    }
    expect(docxBody).not.toContain(squash(orphanText))

    const rows = parseCsv((await download('csv')).toString('utf8'))
    const header = rows[0]!
    const countColumn = header.findIndex((h) => /Kommentare|Comments/.test(h))
    const idColumn = header.indexOf('id')
    const count = (id: string) => rows.find((row) => row[idColumn] === id)?.[countColumn]
    expect(count(clustered)).toBe('2')
    expect(count(loose)).toBe('1')
  })

  it('the JSON export carries the comments, and importing it restores them', async () => {
    const backup = JSON.parse((await download('json')).toString('utf8'))
    const exported = backup.document.comments as BoardComment[]
    expect(exported.map((c) => c.text).sort()).toEqual(
      ['Im Schatten, bitte', 'Mit Beleuchtung 💡', 'Unbedingt <b>breit</b> genug'].sort(),
    )
    const idea = backup.report.clusters[0].ideas[0]
    expect(idea.comments.map((c: { text: string }) => c.text)).toEqual([
      'Unbedingt <b>breit</b> genug',
      'Mit Beleuchtung 💡',
    ])

    const imported = await importInto(backup)
    expect(imported.status).toBe(201)
    const copy = imported.body.board.id
    const thread = await callApi(
      listComments,
      { params: { boardId: copy, ideaId: clustered }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    expect(thread.comments).toEqual(exported.filter((c) => c.ideaId === clustered))
    const again = JSON.parse((await download('json', copy)).toString('utf8'))
    expect(again.document.comments).toEqual(exported)

    // Older exports have no comments; they still import.
    const { comments: _comments, ...withoutComments } = backup.document
    const older = await importInto({ ...backup, document: withoutComments })
    expect(older.status).toBe(201)
  })

  it('an export with a broken comment is refused as a whole', async () => {
    const backup = JSON.parse((await download('json')).toString('utf8'))
    const boardsBefore = await boardCount()
    for (const broken of [
      { ...backup.document.comments[0], text: 'x'.repeat(5000) },
      { ...backup.document.comments[0], id: 'nope' },
      'just a string',
    ]) {
      const body = { ...backup, document: { ...backup.document, comments: [broken] } }
      const res = await importInto(body)
      expect(res.status).toBe(400)
      expect(res.body.error?.code).toBe('invalid_board_export')
      expect(res.body.error?.message).toMatch(/comment 1/)
    }
    const boardsAfter = await boardCount()
    expect(boardsAfter).toBe(boardsBefore)
  })
})
