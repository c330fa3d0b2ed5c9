import { callApi } from '@pinnwand/shared/contract/callApi'
import { exportBoard, exportWorkshop, updateExportSettings } from '@pinnwand/shared/exportRoutes'
import { createIdea } from '@pinnwand/shared/ideaRoutes'
import { createWorkshop, joinWorkshop } from '@pinnwand/shared/workshopRoutes'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseBoardExport } from '../src/export/json.ts'
import { docxText, parseCsv, pdfText, pngSize, squash, svgTexts } from './exportParsers.ts'
import { callRoute } from './helpers/callRoute.ts'
import { startTestServer, type TestServer } from './helpers/testServer.ts'

/** Downloads a file over HTTP as a browser would: bytes plus headers (which callApi does not answer). */
async function download(url: string, token?: string) {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) }
}

describe('export routes (real server)', () => {
  let t: TestServer
  let facilitatorToken: string
  let participantToken: string
  let workshopId: string
  let boardId: string
  const texts = [
    'Grünere Höfe für alle',
    'Türkçe şğıİ fikir',
    '<script>alert(1)</script>',
    '=cmd|calc',
    'Emoji 🚲 Fahrrad',
  ]

  beforeAll(async () => {
    t = await startTestServer()
    const baseUrl = t.url
    const created = await callApi(
      createWorkshop,
      {
        body: {
          title: 'Zukunftsforum Süd',
          language: 'de',
          boards: [{ title: 'Tisch 1: Mobilität', question: 'Wie?' }, { title: 'Tisch 2' }],
        },
      },
      { baseUrl },
    )
    facilitatorToken = created.facilitatorToken
    workshopId = created.workshop.id
    boardId = created.boards[0]!.id
    const joined = await callApi(
      joinWorkshop,
      { params: { workshopId }, body: { name: 'Zeynep', joinCode: created.workshop.joinCode } },
      { baseUrl },
    )
    participantToken = joined.participantToken
    // These tests read authors in the files: the organiser chose to print names.
    await callApi(
      updateExportSettings,
      { params: { workshopId }, body: { showAuthors: true }, token: facilitatorToken },
      { baseUrl },
    )
    for (const [i, text] of texts.entries()) {
      const added = await callRoute(t.url, createIdea, {
        params: { boardId },
        token: i % 2 ? participantToken : facilitatorToken,
        body: { text },
      })
      expect(added.status).toBe(201)
    }
  })

  afterAll(async () => {
    await t.stop()
  })

  const boardUrl = (format: string) => `${t.url}/api/boards/${boardId}/export?format=${format}`

  it('serves every format as an attachment with ASCII and UTF-8 file names', async () => {
    const expected: Record<string, string> = {
      pdf: 'application/pdf',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      md: 'text/markdown',
      csv: 'text/csv',
      json: 'application/json',
      svg: 'image/svg+xml',
      png: 'image/png',
    }
    for (const [format, type] of Object.entries(expected)) {
      const file = await download(boardUrl(format), facilitatorToken)
      expect(file.status, format).toBe(200)
      expect(file.headers.get('content-type')).toContain(type)
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="Tisch-1-Mobilitaet.${format}"; filename*=UTF-8''Tisch%201-%20Mobilit%C3%A4t.${format}`,
      )
      expect(file.bytes.length).toBeGreaterThan(100)
    }
  })

  it('puts every idea into every format', async () => {
    const exported = (format: string) =>
      callApi(exportBoard, { params: { boardId }, query: { format }, token: facilitatorToken }, { baseUrl: t.url })
    const bytes = async (format: string) => new Uint8Array(await (await exported(format)).arrayBuffer())
    const textOf = async (format: string) => (await exported(format)).text()
    const pdf = squash(await pdfText(await bytes('pdf')))
    const docx = unzipSync(await bytes('docx'))
    const docxBody = squash(docxText(new TextDecoder().decode(docx['word/document.xml'])))
    const md = await textOf('md')
    const csv = parseCsv(await textOf('csv'))
    const json = parseBoardExport(await textOf('json'))
    const svg = await textOf('svg')
    const png = await bytes('png')
    for (const text of texts) {
      expect(pdf).toContain(squash(text))
      expect(docxBody).toContain(squash(text))
      expect(csv.some((row) => row[2] === text || row[2] === `'${text}`)).toBe(true)
      expect(json.report.unclusteredIdeas.map((i) => i.text)).toContain(text)
      expect(squash(svgTexts(svg).join(''))).toContain(squash(text))
    }
    expect(md).toContain('Grünere Höfe für alle')
    // Markdown escapes the tag with a backslash: no renderer reads it as HTML.
    expect(md).not.toMatch(/(?<!\\)<script>/)
    expect(md).toContain('\\<script>alert(1)\\</script>')
    expect(svg).not.toContain('<script>')
    expect(csv.find((row) => row[2]?.includes('cmd'))?.[2]).toBe("'=cmd|calc")
    expect(csv.find((row) => row[2] === 'Türkçe şğıİ fikir')?.[3]).toBe('Zeynep')
    expect(json.document.records.filter((r) => (r as { type?: string }).type === 'idea-card')).toHaveLength(
      texts.length,
    )
    expect(pngSize(png).width).toBeGreaterThan(100)
    expect(pdf).toContain('ZukunftsforumSüd')
  })

  it('exports the workshop as a ZIP with a folder per table and the summary', async () => {
    const file = await download(`${t.url}/api/workshops/${workshopId}/export?format=zip`, facilitatorToken)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/zip')
    expect(file.headers.get('content-disposition')).toContain('filename="Zukunftsforum-Sued.zip"')
    const names = Object.keys(unzipSync(file.bytes))
    expect(names[0]).toMatch(/^00-.*\.pdf$/)
    expect(names).toContain('01-Tisch-1-Mobilitaet/Tisch-1-Mobilitaet.pdf')
    expect(names).toContain('02-Tisch-2/Tisch-2.docx')
  })

  it('refuses unknown formats, participants, strangers and other workshops', async () => {
    const board = (format: string, token?: string) =>
      callRoute(t.url, exportBoard, { params: { boardId }, query: { format }, token })
    const workshop = (id: string, format: string, token: string) =>
      callRoute(t.url, exportWorkshop, { params: { workshopId: id }, query: { format }, token })
    const unknown = await board('exe', facilitatorToken)
    expect(unknown.status).toBe(400)
    expect(unknown.body.error?.code).toBe('unsupported_format')
    const participant = await board('pdf', participantToken)
    expect(participant.status).toBe(403)
    expect((await board('pdf')).status).toBe(401)
    const zipAsParticipant = await workshop(workshopId, 'zip', participantToken)
    expect(zipAsParticipant.status).toBe(403)
    const other = await workshop('ws_other', 'zip', facilitatorToken)
    expect(other.status).toBe(403)
    const wrongZip = await workshop(workshopId, 'pdf', facilitatorToken)
    expect(wrongZip.status).toBe(400)
  })
})
