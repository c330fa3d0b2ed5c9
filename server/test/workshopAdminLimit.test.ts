import { CloseCode } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
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
  const res = await callRoute(url, workshopRoutes.createWorkshop, {
    body: { title: 'Regionalforum', boards: [{ title: 'Mobilität', maxParticipants: 2 }, { title: 'Wohnen' }] },
  })
  expect(res.status).toBe(201)
  return {
    workshopId: res.body.workshop.id,
    joinCode: res.body.workshop.joinCode,
    facilitatorToken: res.body.facilitatorToken,
    projectorToken: new URL(res.body.links.projector).searchParams.get('token')!,
    boardIds: res.body.boards.map((b) => b.id) as [string, string],
  }
}

async function join(url: string, w: LimitedWorkshop, name: string): Promise<{ id: string; token: string }> {
  const res = await callRoute(url, workshopRoutes.joinWorkshop, {
    params: { workshopId: w.workshopId },
    body: { name, joinCode: w.joinCode },
  })
  expect(res.status).toBe(201)
  return { id: res.body.participantId, token: res.body.participantToken }
}

const seat = (url: string, boardId: string, token: string) =>
  callRoute(url, workshopRoutes.takeSeat, { params: { boardId }, token })

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
      const overview = await callApi(
        workshopRoutes.workshopOverview,
        { params: { workshopId: w.workshopId }, token: w.facilitatorToken },
        { baseUrl: ts.url },
      )
      expect(overview.boards.map((b) => [b.maxParticipants, b.seated])).toEqual([
        [2, 0],
        [null, 0],
      ])
      const info = await callApi(boardRoutes.lookupJoinCode, { params: { joinCode: w.joinCode } }, { baseUrl: ts.url })
      expect(info.boards[0]).toMatchObject({ title: 'Mobilität', maxParticipants: 2, seated: 0 })
    })

    it('a third participant gets 409 table_full; the seated ones keep their seats; another table works', async () => {
      const w = await createLimitedWorkshop(ts.url)
      const [limited, open] = w.boardIds
      const [ada, ben, cem] = [await join(ts.url, w, 'Ada'), await join(ts.url, w, 'Ben'), await join(ts.url, w, 'Cem')]
      expect((await seat(ts.url, limited, ada.token)).body).toEqual({ boardId: limited, seated: 1, maxParticipants: 2 })
      expect((await seat(ts.url, limited, ben.token)).body).toMatchObject({ seated: 2 })
      const full = await seat(ts.url, limited, cem.token)
      expect(full.status).toBe(409)
      expect(full.body.error?.code).toBe('table_full')
      // Choosing the same table again is no new seat.
      expect((await seat(ts.url, limited, ada.token)).status).toBe(200)
      expect((await seat(ts.url, open, cem.token)).body).toEqual({ boardId: open, seated: 1, maxParticipants: null })
      const info = await callApi(boardRoutes.lookupJoinCode, { params: { joinCode: w.joinCode } }, { baseUrl: ts.url })
      expect(info.boards.map((b) => b.seated)).toEqual([2, 1])
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
      const overview = await callApi(
        workshopRoutes.workshopOverview,
        { params: { workshopId: w.workshopId }, token: w.facilitatorToken },
        { baseUrl: ts.url },
      )
      expect(overview.boards.map((b) => b.seated)).toEqual([2, 1])
    })

    it('the facilitator changes the limit on the dashboard; lowering it removes nobody; revoking frees a seat', async () => {
      const w = await createLimitedWorkshop(ts.url)
      const [limited] = w.boardIds
      const [ada, ben, cem] = [await join(ts.url, w, 'Ada'), await join(ts.url, w, 'Ben'), await join(ts.url, w, 'Cem')]
      const patch = (body: { maxParticipants: number | null }, token = w.facilitatorToken) =>
        callRoute(ts.url, boardRoutes.updateTable, { params: { boardId: limited }, token, body })

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
      const revoke = (participantId: string) =>
        callApi(
          boardRoutes.revokeParticipant,
          { params: { workshopId: w.workshopId, participantId }, token: w.facilitatorToken },
          { baseUrl: ts.url },
        )
      await revoke(ben.id)
      expect((await seat(ts.url, limited, cem.token)).status).toBe(409)
      await revoke(ada.id)
      expect((await seat(ts.url, limited, cem.token)).status).toBe(200)
    })

    it('bad limits and wrong roles get clear errors', async () => {
      const w = await createLimitedWorkshop(ts.url)
      const [limited] = w.boardIds
      const ada = await join(ts.url, w, 'Ada')
      const patch = (body: object, token?: string) =>
        callRoute(ts.url, boardRoutes.updateTable, { params: { boardId: limited }, body: body as never, token })
      for (const maxParticipants of [0, -1, 1.5, 1001, '3']) {
        const created = await callRoute(ts.url, workshopRoutes.createWorkshop, {
          body: { title: 'X', boards: [{ title: 'T', maxParticipants }] } as never,
        })
        expect(created.status, String(maxParticipants)).toBe(400)
        const patched = await patch({ maxParticipants }, w.facilitatorToken)
        expect(patched.status, String(maxParticipants)).toBe(400)
        expect(patched.body.error?.code).toBe('validation_failed')
      }
      const extra = await patch({ maxParticipants: 3, title: 'x' }, w.facilitatorToken)
      expect(extra.status).toBe(400)
      expect((await patch({ maxParticipants: 9 }, ada.token)).status).toBe(403)
      expect((await patch({ maxParticipants: 9 }, w.projectorToken)).status).toBe(403)
      expect((await patch({ maxParticipants: 9 })).status).toBe(401)
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
      const tables = (workshopId: string, token?: string) =>
        callRoute(ts.url, workshopRoutes.listTables, { params: { workshopId }, token })
      const all = await callApi(
        workshopRoutes.listTables,
        { params: { workshopId: w.workshopId }, token: w.projectorToken },
        { baseUrl: ts.url },
      )
      expect(all.boards).toEqual([
        { id: w.boardIds[0], title: 'Mobilität', question: '', kind: 'table' },
        { id: w.boardIds[1], title: 'Wohnen', question: '', kind: 'table' },
      ])
      const { projectorToken } = await callApi(
        boardRoutes.createProjectorToken,
        { params: { boardId: w.boardIds[1] }, token: w.facilitatorToken },
        { baseUrl: ts.url },
      )
      const one = await callApi(
        workshopRoutes.listTables,
        { params: { workshopId: w.workshopId }, token: projectorToken },
        { baseUrl: ts.url },
      )
      expect(one.boards.map((b) => b.id)).toEqual([w.boardIds[1]])
      const other = await createLimitedWorkshop(ts.url)
      expect((await tables(other.workshopId, w.projectorToken)).status).toBe(403)
      expect((await tables(w.workshopId)).status).toBe(401)
    })
  })
}

limitSuite('table limits (SQLite)', () => ({}))

describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL', () => {
  const database = freshPostgresDatabase('limit')
  limitSuite('table limits (PostgreSQL)', () => ({ DATABASE_URL: database.url }))
})
