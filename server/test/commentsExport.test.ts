import { type BoardComment, buildComment, getCommentsMap, readComments } from '@pinnwand/shared'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docxText, parseCsv, pdfText, squash } from './exportParsers.ts'
import {
  api,
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
    const cluster = await api(t.url, 'POST', `/api/boards/${boardId}/clusters`, { token, body: { title: 'Mobilität' } })
    const first = await api(t.url, 'POST', `/api/boards/${boardId}/ideas`, {
      token,
      body: { text: 'Radweg', clusterId: cluster.body.cluster.id },
    })
    clustered = first.body.idea.id
    loose = (await api(t.url, 'POST', `/api/boards/${boardId}/ideas`, { token, body: { text: 'Bänke' } })).body.idea.id
    const comment = (ideaId: string, text: string, who = ada.participantToken) =>
      api(t.url, 'POST', `/api/boards/${boardId}/ideas/${ideaId}/comments`, { token: who, body: { text } })
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
    const res = await fetch(`${t.url}/api/boards/${board}/export?format=${format}`, {
      headers: { authorization: `Bearer ${workshop.facilitatorToken}` },
    })
    expect(res.status).toBe(200)
    return Buffer.from(await res.arrayBuffer())
  }

  it('Markdown, PDF and DOCX show each comment under its idea; CSV counts them', async () => {
    // Names are printed only when the organiser chose so in the export settings.
    const shown = await fetch(`${t.url}/api/workshops/${workshop.workshopId}/export-settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${workshop.facilitatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ showAuthors: true }),
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

    const imported = await api(t.url, 'POST', `/api/workshops/${workshop.workshopId}/boards/import`, {
      token: workshop.facilitatorToken,
      body: backup,
    })
    expect(imported.status).toBe(201)
    const copy = imported.body.board.id as string
    const thread = await api(t.url, 'GET', `/api/boards/${copy}/ideas/${clustered}/comments`, {
      token: workshop.facilitatorToken,
    })
    expect(thread.body.comments).toEqual(exported.filter((c) => c.ideaId === clustered))
    const again = JSON.parse((await download('json', copy)).toString('utf8'))
    expect(again.document.comments).toEqual(exported)

    // Older exports have no comments; they still import.
    const { comments: _comments, ...withoutComments } = backup.document
    const older = await api(t.url, 'POST', `/api/workshops/${workshop.workshopId}/boards/import`, {
      token: workshop.facilitatorToken,
      body: { ...backup, document: withoutComments },
    })
    expect(older.status).toBe(201)
  })

  it('an export with a broken comment is refused as a whole', async () => {
    const backup = JSON.parse((await download('json')).toString('utf8'))
    const boardsBefore = (
      await api(t.url, 'GET', `/api/workshops/${workshop.workshopId}`, { token: workshop.facilitatorToken })
    ).body.boards.length
    for (const broken of [
      { ...backup.document.comments[0], text: 'x'.repeat(5000) },
      { ...backup.document.comments[0], id: 'nope' },
      'just a string',
    ]) {
      const body = { ...backup, document: { ...backup.document, comments: [broken] } }
      const res = await api(t.url, 'POST', `/api/workshops/${workshop.workshopId}/boards/import`, {
        token: workshop.facilitatorToken,
        body,
      })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('invalid_board_export')
      expect(res.body.error.message).toMatch(/comment 1/)
    }
    const boardsAfter = (
      await api(t.url, 'GET', `/api/workshops/${workshop.workshopId}`, { token: workshop.facilitatorToken })
    ).body.boards.length
    expect(boardsAfter).toBe(boardsBefore)
  })
})
