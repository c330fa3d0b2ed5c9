import { setBoardPhase } from '@pinnwand/shared/boardRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { exportBoard, exportWorkshop } from '@pinnwand/shared/exportRoutes'
import * as historyRoutes from '@pinnwand/shared/historyRoutes'
import { createWorkshop } from '@pinnwand/shared/workshopRoutes'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCsv, neutralizeFormula } from '../src/export/csv.ts'
import { buildBoardReport } from '../src/export/BoardReport.ts'
import { parseCsv } from './exportParsers.ts'
import { callRoute } from './helpers/callRoute.ts'
import { ideaCard, startTestServer, type TestServer, userIdOf } from './helpers/testServer.ts'

/** `{ a: { a: … } }`, `levels` objects deep, built without recursion. */
function nested(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  let current = root
  for (let i = 1; i < levels; i++) {
    const next: Record<string, unknown> = {}
    current.a = next
    current = next
  }
  return root
}

/**
 * A board that somehow holds bad records (written before the record limits, or by a server-side
 * path; here through the room directly) still exports in every format and still gets versions.
 */
describe('exports and versions survive a bad record', () => {
  let t: TestServer
  let token: string
  let workshopId: string
  let boardId: string
  const ids = { good: '', deepMeta: '', deepProps: '', hugeAuthor: '' }

  beforeAll(async () => {
    t = await startTestServer({ LOG_LEVEL: 'error' })
    const created = await callApi(
      createWorkshop,
      { body: { title: 'Robust', language: 'de', boards: [{ title: 'Tisch 1' }] } },
      { baseUrl: t.url },
    )
    token = created.facilitatorToken
    workshopId = created.workshop.id
    boardId = created.boards[0]!.id
    const me = await userIdOf(t.url, token)
    const good = ideaCard(me, 'Gute Idee')
    const deepMeta = { ...ideaCard(me, 'Karte mit tiefem meta'), meta: nested(3000) }
    const deepProps = {
      ...ideaCard(me, ''),
      type: 'geo',
      meta: { createdBy: me },
      props: { geo: 'rectangle', w: 100, h: 100, richText: nested(3000) },
    }
    const hugeAuthor = ideaCard(me, 'Riesiger Name', { author: 'A'.repeat(7 * 1024 * 1024) })
    Object.assign(ids, { good: good.id, deepMeta: deepMeta.id, deepProps: deepProps.id, hugeAuthor: hugeAuthor.id })
    const room = await t.server.rooms.open(boardId)
    await room.change((records) => {
      for (const record of [good, deepMeta, deepProps, hugeAuthor]) records.set(record.id, record as never)
    })
    t.server.rooms.releaseIfIdle(room)
  }, 30_000)
  afterAll(async () => {
    await t.stop()
  })

  /** The file's bytes; a refusal throws (ApiError with status and code). */
  const download = async (format: string) => {
    const file = await callApi(exportBoard, { params: { boardId }, query: { format }, token }, { baseUrl: t.url })
    return Buffer.from(await file.arrayBuffer())
  }
  const setPhase = (phase: 'cluster' | 'vote') =>
    callRoute(t.url, setBoardPhase, { params: { boardId }, body: { phase }, token })
  const versionList = () => callApi(historyRoutes.listVersions, { params: { boardId }, token }, { baseUrl: t.url })

  it.each(['pdf', 'pdfa', 'docx', 'md', 'csv', 'xlsx', 'json', 'svg', 'png'])('exports %s with 200', async (format) => {
    expect((await download(format)).length).toBeGreaterThan(100)
  })

  it('says in the report what it could not show, and keeps everything else', async () => {
    const md = (await download('md')).toString('utf8')
    expect(md).toContain('1 Element konnte nicht dargestellt werden.')
    expect(md).toContain('Gute Idee')
    // The card whose meta was too deep is shown (its meta is not); the huge name is cut.
    expect(md).toContain('Karte mit tiefem meta')
    expect(md).not.toContain('A'.repeat(100))

    const backup = JSON.parse((await download('json')).toString('utf8'))
    const recordIds = backup.document.records.map((r: { id: string }) => r.id)
    expect(recordIds).toEqual(expect.arrayContaining([ids.good, ids.deepMeta, ids.hugeAuthor]))
    expect(recordIds).not.toContain(ids.deepProps)
    expect(backup.report.omittedItems).toBe(1)
    expect(backup.meta.document.metaCleared).toEqual([ids.deepMeta])
  })

  it('answers the workshop ZIP with 200 and every file', async () => {
    const zip = await callApi(
      exportWorkshop,
      { params: { workshopId }, query: { format: 'zip' }, token },
      { baseUrl: t.url },
    )
    const names = Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer())))
    expect(names.filter((n) => n.startsWith('01-')).length).toBe(9)
  })

  it('takes the automatic version and says what it left out', async () => {
    const phase = await setPhase('cluster')
    expect(phase.status).toBe(200)
    const list = await versionList()
    const version = list.versions.find((v) => v.reason === 'phase')
    expect(version).toBeDefined()
    expect(version!.detail.omittedRecords).toBe(1)
    expect(list.automaticFailure).toBeUndefined()
  })

  it('shows a failed automatic version in the versions list until a version is saved', async () => {
    const versions = (t.server.store as unknown as { versions: { addVersion: (...args: unknown[]) => Promise<void> } })
      .versions
    const addVersion = versions.addVersion
    versions.addVersion = () => Promise.reject(new Error('disk full'))
    try {
      const phase = await setPhase('vote')
      expect(phase.status).toBe(200)
    } finally {
      versions.addVersion = addVersion
    }
    const failed = await versionList()
    expect(failed.automaticFailure).toMatchObject({ reason: 'phase', message: 'disk full' })
    await callApi(
      historyRoutes.saveVersion,
      { params: { boardId }, body: { name: 'Von Hand' }, token },
      { baseUrl: t.url },
    )
    const after = await versionList()
    expect(after.automaticFailure).toBeUndefined()
  })
})

describe('report note and CSV cells', () => {
  const report = (language: 'de' | 'en', omittedItems: number) =>
    buildBoardReport({
      workshop: { id: 'w', title: 'W', date: null, language },
      board: { id: 'b', title: 'B', question: '' },
      records: [],
      omittedItems,
      now: 0,
    })

  it('counts with plurals in both languages', async () => {
    const { buildMarkdown } = await import('../src/export/markdown.ts')
    expect(buildMarkdown(report('de', 2))).toContain('2 Elemente konnten nicht dargestellt werden.')
    expect(buildMarkdown(report('en', 1))).toContain('1 item could not be shown.')
    expect(buildMarkdown(report('en', 3))).toContain('3 items could not be shown.')
    expect(buildMarkdown(report('de', 0))).not.toContain('dargestellt')
  })

  it('neutralises formulas after a semicolon, as German spreadsheets split cells there', () => {
    expect(neutralizeFormula('Idee;=HYPERLINK("http://x")')).toBe(`Idee;'=HYPERLINK("http://x")`)
    expect(neutralizeFormula('a;+1;-2;@SUM(A1)')).toBe(`a;'+1;'-2;'@SUM(A1)`)
    expect(neutralizeFormula('=1+1')).toBe(`'=1+1`)
    expect(neutralizeFormula('Ja; nein')).toBe('Ja; nein')
    const csv = buildCsv(
      buildBoardReport({
        workshop: { id: 'w', title: 'W', date: null, language: 'de' },
        board: { id: 'b', title: 'B', question: '' },
        records: [ideaCard('p_1', 'Gut;=cmd|calc')],
        now: 0,
      }),
    )
    // Split as a German spreadsheet would: no cell may start with a formula character.
    for (const line of csv.replace(/^\uFEFF/, '').split('\r\n')) {
      for (const cell of line.split(';').slice(1)) expect(cell).not.toMatch(/^[=+\-@]/)
    }
    expect(parseCsv(csv)[1]).toContain(`Gut;'=cmd|calc`)
  })
})
