import { callApi } from '@pinnwand/shared/contract/callApi'
import type { RouteInput } from '@pinnwand/shared/contract/route'
import { exportBoard, getExportSettings, updateExportSettings } from '@pinnwand/shared/exportRoutes'
import { createIdea } from '@pinnwand/shared/ideaRoutes'
import { Resvg } from '@resvg/resvg-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pngDimensions } from '../src/export/logo.ts'
import { pdfText, squash } from './exportParsers.ts'
import { callRoute } from './helpers/callRoute.ts'
import {
  createWorkshop,
  joinParticipant,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'

const png = (width: number, height: number) =>
  new Resvg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#1d3557"/></svg>`,
  )
    .render()
    .asPng()
const dataUrl = (type: string, bytes: Uint8Array | string) =>
  `data:${type};base64,${Buffer.from(bytes).toString('base64')}`

describe('export settings (issue 19): chosen at export time, remembered per workshop', () => {
  let server: TestServer
  let ws: TestWorkshop
  let token: string
  let boardId: string
  const get = (as?: string) =>
    callRoute(server.url, getExportSettings, { params: { workshopId: ws.workshopId }, token: as })
  const put = (body: RouteInput<typeof updateExportSettings>['body'], as = token) =>
    callRoute(server.url, updateExportSettings, { params: { workshopId: ws.workshopId }, body, token: as })
  const download = async (format: string) => {
    const file = await callApi(exportBoard, { params: { boardId }, query: { format }, token }, { baseUrl: server.url })
    return Buffer.from(await file.arrayBuffer())
  }

  beforeAll(async () => {
    server = await startTestServer()
    ws = await createWorkshop(server.url)
    token = ws.facilitatorToken
    boardId = ws.boardIds[0]!
    const ada = await joinParticipant(server.url, ws, 'Ada Lovelace')
    await callApi(
      createIdea,
      { params: { boardId }, body: { text: 'Bus & Rufbus bis Mitternacht' }, token: ada.participantToken },
      { baseUrl: server.url },
    )
  })
  afterAll(async () => {
    await server.stop()
  })

  it('starts with names hidden and a fitted picture; saves and returns what was chosen', async () => {
    const initial = await get(token)
    expect(initial.body).toEqual({
      showAuthors: false,
      picture: 'page',
      place: '',
      date: null,
      recorder: '',
      timeZone: null,
      logo: null,
    })
    const md = (await download('md')).toString('utf8')
    expect(md).toContain('Bus & Rufbus')
    expect(md).not.toContain('Ada Lovelace')

    const saved = await put({
      place: 'Rathaus Kassel, Saal 2',
      recorder: 'Jana Schreiber',
      date: '2026-11-14',
      timeZone: 'Europe/Berlin',
      picture: 'none',
    })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ place: 'Rathaus Kassel, Saal 2', showAuthors: false, picture: 'none' })
    // A partial update keeps the rest.
    await put({ showAuthors: true })
    const again = await get(token)
    expect(again.body).toMatchObject({ recorder: 'Jana Schreiber', showAuthors: true, timeZone: 'Europe/Berlin' })
  })

  it('prints Ort, Datum, Protokollführung, names and times in the chosen zone', async () => {
    await put({ showAuthors: true, place: 'Rathaus Kassel, Saal 2', recorder: 'Jana Schreiber', date: '2026-11-14' })
    await put({ timeZone: 'Europe/Berlin' })
    const md = (await download('md')).toString('utf8')
    expect(md).toContain('| Ort | Rathaus Kassel, Saal 2 |')
    expect(md).toContain('| Protokollführung | Jana Schreiber |')
    expect(md).toContain('| Datum | 14. November 2026 |')
    expect(md).toContain('Ada Lovelace')
    expect(md).toMatch(/\| Erstellt am \| .* (MEZ|MESZ) \|/)
    const pdf = squash(await pdfText(await download('pdf')))
    for (const text of ['Rathaus Kassel, Saal 2', 'Jana Schreiber', 'Protokollführung', '14. November 2026']) {
      expect(pdf).toContain(squash(text))
    }
    await put({ timeZone: 'America/New_York' })
    expect((await download('md')).toString('utf8')).toMatch(/\| Erstellt am \| .* (GMT-5|GMT-4|EST|EDT) \|/)
  })

  it('takes a PNG logo, rasterises an SVG logo, and the PDF embeds it', async () => {
    const withPng = await put({ logo: dataUrl('image/png', png(300, 100)) })
    expect(withPng.status).toBe(200)
    expect(withPng.body.logo).toMatch(/^data:image\/png;base64,/)
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><circle cx="5" cy="5" r="5" fill="red"/></svg>'
    const withSvg = await put({ logo: dataUrl('image/svg+xml', svg) })
    expect(withSvg.status).toBe(200)
    const stored = Buffer.from(String(withSvg.body.logo).split(',')[1]!, 'base64')
    expect(pngDimensions(stored)).toEqual({ width: 800, height: 200 })
    const pdf = (await download('pdf')).toString('latin1')
    expect(pdf).toMatch(/\/Subtype \/Image/)
    const removed = await put({ logo: null })
    expect(removed.body.logo).toBeNull()
  })

  it('refuses hostile or broken logos and invalid settings with a clear error, keeping what was saved', async () => {
    await put({ place: 'Bleibt', logo: dataUrl('image/png', png(50, 50)) })
    const cases: [unknown, string][] = [
      [
        {
          logo: dataUrl(
            'image/svg+xml',
            '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
          ),
        },
        'invalid_logo',
      ],
      [
        {
          logo: dataUrl(
            'image/svg+xml',
            '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(http://x.invalid/a)"/></svg>',
          ),
        },
        'invalid_logo',
      ],
      [
        { logo: dataUrl('image/svg+xml', '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>') },
        'invalid_logo',
      ],
      [{ logo: dataUrl('image/png', 'not a png at all') }, 'invalid_logo'],
      [{ logo: dataUrl('image/gif', 'GIF89a') }, 'invalid_logo'],
      [{ logo: dataUrl('image/png', new Uint8Array(300 * 1024)) }, 'validation_failed'],
      [{ timeZone: 'Mars/Olympus' }, 'validation_failed'],
      [{ date: '14.11.2026' }, 'validation_failed'],
      [{ picture: 'huge' }, 'validation_failed'],
      [{ place: 'x'.repeat(201) }, 'validation_failed'],
      [{ unknown: true }, 'validation_failed'],
    ]
    for (const [body, code] of cases) {
      const res = await put(body as never)
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      expect(res.body.error?.code).toBe(code)
      expect(res.body.error?.message).toBeTruthy()
    }
    const kept = await get(token)
    expect(kept.body.place).toBe('Bleibt')
    expect(kept.body.logo).toMatch(/^data:image\/png/)
  })

  it('is for the workshop facilitator only', async () => {
    const participant = await joinParticipant(server.url, ws, 'Neugierig')
    expect((await put({ place: 'x' }, participant.participantToken)).status).toBe(403)
    expect((await get(participant.participantToken)).status).toBe(403)
    const other = await createWorkshop(server.url)
    expect((await put({ place: 'x' }, other.facilitatorToken)).status).toBe(403)
    expect((await get()).status).toBe(401)
  })
})
