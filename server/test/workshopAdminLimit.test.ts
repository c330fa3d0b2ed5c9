import { CloseCode } from '@pinnwand/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, type BoardClient, connectClient, startTestServer, type TestServer } from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { freshPostgresDatabase } from './workshopAdminHelpers.ts'

interface LimitedWorkshop {
  workshopId: string
  joinCode: string
  facilitatorToken: string
  projectorToken: string
  /** [limited to 2, unlimited] */
  boardIds: [string, string]
}

async function createLimitedWorkshop(url: string): Promise<LimitedWorkshop> {
  const res = await api(url, 'POST', '/api/workshops', {
    body: { title: 'Regionalforum', boards: [{ title: 'Mobilität', maxParticipants: 2 }, { title: 'Wohnen' }] },
  })
  expect(res.status).toBe(201)
  return {
    workshopId: res.body.workshop.id,
    joinCode: res.body.workshop.joinCode,
    facilitatorToken: res.body.facilitatorToken,
    projectorToken: new URL(res.body.links.projector).searchParams.get('token')!,
    boardIds: res.body.boards.map((b: { id: string }) => b.id),
  }
}

async function join(url: string, w: LimitedWorkshop, name: string): Promise<{ id: string; token: string }> {
  const res = await api(url, 'POST', `/api/workshops/${w.workshopId}/participants`, {
    body: { name, joinCode: w.joinCode },
  })
  expect(res.status).toBe(201)
  return { id: res.body.participantId, token: res.body.participantToken }
}

const seat = (url: string, boardId: string, token: string) => api(url, 'POST', `/api/boards/${boardId}/seat`, { token })

/** A y-websocket client that is expected to be refused: resolves with the close code. */
async function refusedWith(url: string, boardId: string, token: string): Promise<number> {
  const client = await connectClient(url, boardId, token, { waitForSync: false })
  try {
    await waitFor(() => client.closes.length > 0, { what: 'the server to close the socket' })
    expect(client.provider.synced).toBe(false)
    return client.closes[0]!.code
  } finally {
    client.destroy()
  }
}

function limitSuite(name: string, env: () => Record<string, string>) {
  describe(name, () => {
    let ts: TestServer
    const clients: BoardClient[] = []
    beforeAll(async () => {
      ts = await startTestServer(env())
    })
    afterAll(async () => {
      for (const client of clients) client.destroy()
      await ts?.stop()
    })

    it('the limit is set at creation and shown in the overview and the join info', async () => {
      const w = await createLimitedWorkshop(ts.url)
      const overview = await api(ts.url, 'GET', `/api/workshops/${w.workshopId}`, { token: w.facilitatorToken })
      expect(
        overview.body.boards.map((b: { maxParticipants: unknown; seated: unknown }) => [b.maxParticipants, b.seated]),
      ).toEqual([
        [2, 0],
        [null, 0],
      ])
      const info = await api(ts.url, 'GET', `/api/join/${w.joinCode}`)
      expect(info.body.boards[0]).toMatchObject({ title: 'Mobilität', maxParticipants: 2, seated: 0 })
    })

    it('a third participant gets 409 table_full; the seated ones keep their seats; another table works', async () => {
      const w = await createLimitedWorkshop(ts.url)
      const [limited, open] = w.boardIds
      const [ada, ben, cem] = [await join(ts.url, w, 'Ada'), await join(ts.url, w, 'Ben'), await join(ts.url, w, 'Cem')]
      expect((await seat(ts.url, limited, ada.token)).body).toEqual({ boardId: limited, seated: 1, maxParticipants: 2 })
      expect((await seat(ts.url, limited, ben.token)).body).toMatchObject({ seated: 2 })
      const full = await seat(ts.url, limited, cem.token)
      expect(full.status).toBe(409)
      expect(full.body.error.code).toBe('table_full')
      // Choosing the same table again is no new seat.
      expect((await seat(ts.url, limited, ada.token)).status).toBe(200)
      expect((await seat(ts.url, open, cem.token)).body).toEqual({ boardId: open, seated: 1, maxParticipants: null })
      const info = await api(ts.url, 'GET', `/api/join/${w.joinCode}`)
      expect(info.body.boards.map((b: { seated: number }) => b.seated)).toEqual([2, 1])
    })

    it('the WebSocket refuses a participant at a full table with 4429; facilitator and projector never count', async () => {
      const w = await createLimitedWorkshop(ts.url)
      const [limited, open] = w.boardIds
      const [ada, ben, cem] = [await join(ts.url, w, 'Ada'), await join(ts.url, w, 'Ben'), await join(ts.url, w, 'Cem')]
      // Opening the board is choosing the table: plain Yjs clients are counted like the web app.
      clients.push(await connectClient(ts.url, limited, ada.token))
      clients.push(await connectClient(ts.url, limited, ben.token))
      clients.push(await connectClient(ts.url, limited, w.facilitatorToken))
      clients.push(await connectClient(ts.url, limited, w.projectorToken))
      expect(await refusedWith(ts.url, limited, cem.token)).toBe(CloseCode.tableFull)

      // A seated participant comes back after a drop (a second socket, a reload): always allowed.
      const again = await connectClient(ts.url, limited, ada.token)
      again.destroy()

      // Ben moves to the other table: his seat moves with him, and Cem gets in.
      clients.push(await connectClient(ts.url, open, ben.token))
      clients.push(await connectClient(ts.url, limited, cem.token))
      const overview = await api(ts.url, 'GET', `/api/workshops/${w.workshopId}`, { token: w.facilitatorToken })
      expect(overview.body.boards.map((b: { seated: number }) => b.seated)).toEqual([2, 1])
    })

    it('the facilitator changes the limit on the dashboard; lowering it removes nobody; revoking frees a seat', async () => {
      const w = await createLimitedWorkshop(ts.url)
      const [limited] = w.boardIds
      const [ada, ben, cem] = [await join(ts.url, w, 'Ada'), await join(ts.url, w, 'Ben'), await join(ts.url, w, 'Cem')]
      const patch = (body: unknown, token = w.facilitatorToken) =>
        api(ts.url, 'PATCH', `/api/boards/${limited}`, { token, body })

      expect((await patch({ maxParticipants: 1 })).body).toMatchObject({ id: limited, maxParticipants: 1 })
      expect((await seat(ts.url, limited, ada.token)).status).toBe(200)
      expect((await seat(ts.url, limited, ben.token)).status).toBe(409)
      expect((await patch({ maxParticipants: null })).status).toBe(200)
      expect((await seat(ts.url, limited, ben.token)).status).toBe(200)
      expect((await patch({ maxParticipants: 1 })).status).toBe(200)
      // Both keep their seats; nobody new comes in.
      expect((await seat(ts.url, limited, ada.token)).status).toBe(200)
      expect((await seat(ts.url, limited, cem.token)).status).toBe(409)
      // Removing a participant frees their seat, but only enough for the lowered limit.
      await api(ts.url, 'DELETE', `/api/workshops/${w.workshopId}/participants/${ben.id}`, {
        token: w.facilitatorToken,
      })
      expect((await seat(ts.url, limited, cem.token)).status).toBe(409)
      await api(ts.url, 'DELETE', `/api/workshops/${w.workshopId}/participants/${ada.id}`, {
        token: w.facilitatorToken,
      })
      expect((await seat(ts.url, limited, cem.token)).status).toBe(200)
    })

    it('bad limits and wrong roles get clear errors', async () => {
      const w = await createLimitedWorkshop(ts.url)
      const [limited] = w.boardIds
      const ada = await join(ts.url, w, 'Ada')
      for (const maxParticipants of [0, -1, 1.5, 1001, '3']) {
        const created = await api(ts.url, 'POST', '/api/workshops', {
          body: { title: 'X', boards: [{ title: 'T', maxParticipants }] },
        })
        expect(created.status, String(maxParticipants)).toBe(400)
        const patched = await api(ts.url, 'PATCH', `/api/boards/${limited}`, {
          token: w.facilitatorToken,
          body: { maxParticipants },
        })
        expect(patched.status, String(maxParticipants)).toBe(400)
        expect(patched.body.error.code).toBe('validation_failed')
      }
      const extra = await api(ts.url, 'PATCH', `/api/boards/${limited}`, {
        token: w.facilitatorToken,
        body: { maxParticipants: 3, title: 'x' },
      })
      expect(extra.status).toBe(400)
      expect(
        (await api(ts.url, 'PATCH', `/api/boards/${limited}`, { token: ada.token, body: { maxParticipants: 9 } }))
          .status,
      ).toBe(403)
      expect(
        (
          await api(ts.url, 'PATCH', `/api/boards/${limited}`, {
            token: w.projectorToken,
            body: { maxParticipants: 9 },
          })
        ).status,
      ).toBe(403)
      expect((await api(ts.url, 'PATCH', `/api/boards/${limited}`, { body: { maxParticipants: 9 } })).status).toBe(401)
      expect((await seat(ts.url, limited, w.facilitatorToken)).status).toBe(403)
      expect((await seat(ts.url, 'b_nope', ada.token)).status).toBe(404)
      const other = await createLimitedWorkshop(ts.url)
      expect((await seat(ts.url, other.boardIds[0], ada.token)).status).toBe(404)
    })

    it('participants racing for the last seats: exactly the limit gets in', async () => {
      const w = await createLimitedWorkshop(ts.url)
      const [limited] = w.boardIds
      const people = await Promise.all(['A', 'B', 'C', 'D', 'E', 'F'].map((n) => join(ts.url, w, n)))
      const answers = await Promise.all(people.map((p) => seat(ts.url, limited, p.token)))
      expect(answers.filter((a) => a.status === 200)).toHaveLength(2)
      expect(answers.filter((a) => a.status === 409)).toHaveLength(4)
    })

    it('the API description names the new routes and close codes', async () => {
      const { body } = await api(ts.url, 'GET', '/api/openapi.json')
      expect(body.paths['/api/boards/{boardId}/seat'].post.responses).toHaveProperty('409')
      expect(
        body.paths['/api/boards/{boardId}'].patch.requestBody.content['application/json'].schema.properties,
      ).toHaveProperty('maxParticipants')
      expect(body.paths['/api/workshops/{workshopId}']).toHaveProperty('delete')
      expect(body['x-websocket'].closeCodes).toMatchObject({ 4410: expect.any(String), 4429: expect.any(String) })
    })

    it('the table list for the projector: titles and questions, only the tables the token opens', async () => {
      const w = await createLimitedWorkshop(ts.url)
      const all = await api(ts.url, 'GET', `/api/workshops/${w.workshopId}/tables`, { token: w.projectorToken })
      expect(all.body.boards).toEqual([
        { id: w.boardIds[0], title: 'Mobilität', question: '', kind: 'table' },
        { id: w.boardIds[1], title: 'Wohnen', question: '', kind: 'table' },
      ])
      const { body } = await api(ts.url, 'POST', `/api/boards/${w.boardIds[1]}/projector-token`, {
        token: w.facilitatorToken,
      })
      const one = await api(ts.url, 'GET', `/api/workshops/${w.workshopId}/tables`, { token: body.projectorToken })
      expect(one.body.boards.map((b: { id: string }) => b.id)).toEqual([w.boardIds[1]])
      const other = await createLimitedWorkshop(ts.url)
      expect(
        (await api(ts.url, 'GET', `/api/workshops/${other.workshopId}/tables`, { token: w.projectorToken })).status,
      ).toBe(403)
      expect((await api(ts.url, 'GET', `/api/workshops/${w.workshopId}/tables`)).status).toBe(401)
    })
  })
}

limitSuite('table limits (SQLite)', () => ({}))

describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL', () => {
  const database = freshPostgresDatabase('limit')
  limitSuite('table limits (PostgreSQL)', () => ({ DATABASE_URL: database.url }))
})
