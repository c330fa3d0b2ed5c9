import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, createWorkshop, joinParticipant, startTestServer, type TestServer } from './helpers/testServer.ts'

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
    const idea = await api(server.url, 'POST', `/api/boards/${boardId}/ideas`, {
      token: ada.participantToken,
      body: { text: 'Mehr Bänke im Park' },
    })
    expect(idea.status).toBe(201)

    const patched = await api(server.url, 'PATCH', `/api/boards/${boardId}`, {
      token,
      body: { facilitator: 'Grete Moderatorin' },
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ facilitator: 'Grete Moderatorin' })
    const overview = await api(server.url, 'GET', `/api/workshops/${ws.workshopId}`, { token })
    expect(overview.body.boards[0].facilitator).toBe('Grete Moderatorin')
    expect(overview.body.workshop.hideAuthors).toBe(false)

    let md = await api<string>(server.url, 'GET', `/api/boards/${boardId}/export?format=md`, { token })
    expect(md.body).toContain('Grete Moderatorin')
    // Names are left out of exports unless the organiser chooses them at export time.
    expect(md.body).not.toContain('Ada Lovelace')
    await api(server.url, 'PUT', `/api/workshops/${ws.workshopId}/export-settings`, {
      token,
      body: { showAuthors: true },
    })
    md = await api<string>(server.url, 'GET', `/api/boards/${boardId}/export?format=md`, { token })
    expect(md.body).toContain('Ada Lovelace')

    // Hidden on the workshop, names stay out of every export even when the export shows them.
    const hide = await api(server.url, 'PATCH', `/api/workshops/${ws.workshopId}`, {
      token,
      body: { hideAuthors: true },
    })
    expect(hide.status).toBe(200)
    const me = await api(server.url, 'GET', '/api/me', { token: ada.participantToken })
    expect(me.body.hideAuthors).toBe(true)
    md = await api<string>(server.url, 'GET', `/api/boards/${boardId}/export?format=md`, { token })
    expect(md.body).toContain('Mehr Bänke im Park')
    expect(md.body).not.toContain('Ada Lovelace')
    const csv = await api<string>(server.url, 'GET', `/api/boards/${boardId}/export?format=csv`, { token })
    expect(csv.body).toContain('Mehr Bänke im Park')
    expect(csv.body).not.toContain('Ada Lovelace')
  })

  it('refuses participants, empty and invalid settings; null clears the facilitator', async () => {
    const ws = await createWorkshop(server.url)
    const boardId = ws.boardIds[0]!
    const token = ws.facilitatorToken
    const ada = await joinParticipant(server.url, ws, 'Ada')
    const asAda = { token: ada.participantToken }
    expect(
      (await api(server.url, 'PATCH', `/api/workshops/${ws.workshopId}`, { ...asAda, body: { hideAuthors: true } }))
        .status,
    ).toBe(403)
    expect(
      (await api(server.url, 'PATCH', `/api/boards/${boardId}`, { ...asAda, body: { facilitator: 'Me' } })).status,
    ).toBe(403)
    expect((await api(server.url, 'PATCH', `/api/boards/${boardId}`, { token, body: {} })).status).toBe(400)
    expect(
      (await api(server.url, 'PATCH', `/api/workshops/${ws.workshopId}`, { token, body: { hideAuthors: 'yes' } }))
        .status,
    ).toBe(400)
    expect(
      (await api(server.url, 'PATCH', `/api/boards/${boardId}`, { token, body: { facilitator: 'x'.repeat(61) } }))
        .status,
    ).toBe(400)
    await api(server.url, 'PATCH', `/api/boards/${boardId}`, { token, body: { facilitator: 'Grete' } })
    const cleared = await api(server.url, 'PATCH', `/api/boards/${boardId}`, { token, body: { facilitator: null } })
    expect(cleared.body).toMatchObject({ facilitator: null })
  })
})
