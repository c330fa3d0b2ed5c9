import type { UpdateTableBody, UpdateWorkshopBody } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as exportRoutes from '@pinnwand/shared/exportRoutes'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import * as systemRoutes from '@pinnwand/shared/systemRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { callRoute } from './helpers/callRoute.ts'
import { createWorkshop, joinParticipant, startTestServer, type TestServer } from './helpers/testServer.ts'

describe('report settings: table facilitator and names on ideas', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server.stop()
  })

  it('stores the table facilitator and prints it in the report; hides authors in every format when asked', async () => {
    const ws = await createWorkshop(server.url)
    const boardId = ws.boardIds[0]!
    const token = ws.facilitatorToken
    const ada = await joinParticipant(server.url, ws, 'Ada Lovelace')
    const idea = await callRoute(server.url, ideaRoutes.createIdea, {
      params: { boardId },
      token: ada.participantToken,
      body: { text: 'Mehr Bänke im Park' },
    })
    expect(idea.status).toBe(201)

    const patched = await callRoute(server.url, boardRoutes.updateTable, {
      params: { boardId },
      token,
      body: { facilitator: 'Grete Moderatorin' },
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ facilitator: 'Grete Moderatorin' })
    const overview = await callApi(
      workshopRoutes.workshopOverview,
      { params: { workshopId: ws.workshopId }, token },
      { baseUrl: server.url },
    )
    expect(overview.boards[0]!.facilitator).toBe('Grete Moderatorin')
    expect(overview.workshop.hideAuthors).toBe(false)

    const exported = async (format: string) =>
      (
        await callApi(
          exportRoutes.exportBoard,
          { params: { boardId }, query: { format }, token },
          { baseUrl: server.url },
        )
      ).text()
    let md = await exported('md')
    expect(md).toContain('Grete Moderatorin')
    // Names are left out of exports unless the organiser chooses them at export time.
    expect(md).not.toContain('Ada Lovelace')
    await callApi(
      exportRoutes.updateExportSettings,
      { params: { workshopId: ws.workshopId }, token, body: { showAuthors: true } },
      { baseUrl: server.url },
    )
    md = await exported('md')
    expect(md).toContain('Ada Lovelace')

    // Hidden on the workshop, names stay out of every export even when the export shows them.
    const hide = await callRoute(server.url, workshopRoutes.updateWorkshop, {
      params: { workshopId: ws.workshopId },
      token,
      body: { hideAuthors: true },
    })
    expect(hide.status).toBe(200)
    const me = await callApi(systemRoutes.getMe, { token: ada.participantToken }, { baseUrl: server.url })
    expect(me.hideAuthors).toBe(true)
    md = await exported('md')
    expect(md).toContain('Mehr Bänke im Park')
    expect(md).not.toContain('Ada Lovelace')
    const csv = await exported('csv')
    expect(csv).toContain('Mehr Bänke im Park')
    expect(csv).not.toContain('Ada Lovelace')
  })

  it('refuses participants, empty and invalid settings; null clears the facilitator', async () => {
    const ws = await createWorkshop(server.url)
    const boardId = ws.boardIds[0]!
    const token = ws.facilitatorToken
    const ada = await joinParticipant(server.url, ws, 'Ada')
    const table = (body: z.input<typeof UpdateTableBody>, as = token) =>
      callRoute(server.url, boardRoutes.updateTable, { params: { boardId }, body, token: as })
    const workshop = (body: z.input<typeof UpdateWorkshopBody>, as = token) =>
      callRoute(server.url, workshopRoutes.updateWorkshop, { params: { workshopId: ws.workshopId }, body, token: as })
    expect((await workshop({ hideAuthors: true }, ada.participantToken)).status).toBe(403)
    expect((await table({ facilitator: 'Me' }, ada.participantToken)).status).toBe(403)
    expect((await table({})).status).toBe(400)
    expect((await workshop({ hideAuthors: 'yes' } as never)).status).toBe(400)
    expect((await table({ facilitator: 'x'.repeat(61) })).status).toBe(400)
    await table({ facilitator: 'Grete' })
    const cleared = await table({ facilitator: null })
    expect(cleared.body).toMatchObject({ facilitator: null })
  })
})
