import path from 'node:path'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as privacyRoutes from '@pinnwand/shared/privacyRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import { Retention } from '../src/privacy/privacyFeature.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FreshDatabase, freshPostgres } from './helpers/freshPostgres.ts'
import {
  dumpPostgres,
  dumpSqlite,
  fillWorkshop,
  filesContaining,
  type FilledWorkshop,
  tablesContaining,
} from './helpers/personalData.ts'
import { callRoute } from './helpers/callRoute.ts'
import { startTestServer, type TestServer, type TestWorkshop } from './helpers/testServer.ts'

const databaseUrl = process.env.DATABASE_URL
const DAY_MS = 86_400_000
/** Tables that keep a deleted workshop's id on purpose (to answer 410 "deleted"), nothing else. */
const TOMBSTONES = new Set(['deleted_workshops', 'deleted_workshop_tokens'])

const today = () => new Date().toISOString().slice(0, 10)
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

async function createDatedWorkshop(url: string, title: string, date: string): Promise<TestWorkshop> {
  const created = await callApi(
    workshopRoutes.createWorkshop,
    { body: { title, date, boards: [{ title: 'Tisch 1', question: 'Was braucht das Quartier?' }] } },
    { baseUrl: url },
  )
  return {
    workshopId: created.workshop.id,
    joinCode: created.workshop.joinCode,
    facilitatorToken: created.facilitatorToken,
    projectorToken: new URL(created.links.projector).searchParams.get('token')!,
    boardIds: created.boards.map((b) => b.id),
  }
}

describe.each([{ name: 'SQLite', postgres: false }, ...(databaseUrl ? [{ name: 'PostgreSQL', postgres: true }] : [])])(
  'retention on $name: the schedule deletes a workshop past its period, leaving nothing',
  ({ postgres }) => {
    let t: TestServer
    let database: FreshDatabase | undefined
    let expiring: TestWorkshop
    let kept: TestWorkshop
    let expiringData: FilledWorkshop
    let keptData: FilledWorkshop

    beforeAll(async () => {
      database = postgres ? await freshPostgres(databaseUrl!, 'retention') : undefined
      // The schedule is driven by the test (server.services.get(Retention).sweep) with a clock of its choosing.
      t = await startTestServer({ RETENTION_SWEEP_MS: '0', ...(database ? { DATABASE_URL: database.url } : {}) })
      expiring = await createDatedWorkshop(t.url, 'Werkstatt, die gehen muss', today())
      kept = await createDatedWorkshop(t.url, 'Werkstatt, die bleibt', today())
      expiringData = await fillWorkshop(t.url, expiring, 'Zoë Vergessen')
      keptData = await fillWorkshop(t.url, kept, 'Bleibt Bestehen')
    })
    afterAll(async () => {
      await t?.stop()
      await database?.drop()
    })

    it('shows the deletion date (default 90 days after the date) and lets the facilitator set it', async () => {
      const initial = await callApi(
        privacyRoutes.getRetention,
        { params: { workshopId: kept.workshopId }, token: kept.facilitatorToken },
        { baseUrl: t.url },
      )
      expect(initial).toEqual({ days: 90, isDefault: true, deleteOn: addDays(today(), 90) })

      // The workshop overview carries it too.
      const overview = await callApi(
        workshopRoutes.workshopOverview,
        { params: { workshopId: kept.workshopId }, token: kept.facilitatorToken },
        { baseUrl: t.url },
      )
      expect(overview.workshop.retention).toEqual(initial)

      const set = await callApi(
        privacyRoutes.setRetention,
        { params: { workshopId: expiring.workshopId }, body: { days: 1 }, token: expiring.facilitatorToken },
        { baseUrl: t.url },
      )
      expect(set).toEqual({ days: 1, isDefault: false, deleteOn: addDays(today(), 1) })
    })

    it('refuses bad retention input and other people', async () => {
      const params = { workshopId: kept.workshopId }
      // Malformed on purpose: the schema would refuse them in the client, so sent as they are.
      for (const body of [{ days: 0 }, { days: 3651 }, { days: 'viel' }, { days: 2.5 }, { days: 7, extra: 1 }, {}]) {
        const res = await callRoute(t.url, privacyRoutes.setRetention, {
          params,
          body: body as never,
          token: kept.facilitatorToken,
        })
        expect(res.status, JSON.stringify(body)).toBe(400)
        expect(res.body.error?.code).toBe('validation_failed')
      }
      const participant = await callRoute(t.url, privacyRoutes.setRetention, {
        params,
        body: { days: 5 },
        token: keptData.participantToken,
      })
      expect(participant.status).toBe(403)
      const foreign = await callRoute(t.url, privacyRoutes.getRetention, { params, token: expiring.facilitatorToken })
      expect(foreign.status).toBe(403)
      // Nothing of that changed the setting.
      const after = await callApi(
        privacyRoutes.getRetention,
        { params, token: kept.facilitatorToken },
        { baseUrl: t.url },
      )
      expect(after.days).toBe(90)
    })

    it('nothing is due before the day; on the day the sweep deletes it with every trace', async () => {
      expect(await t.server.services.get(Retention).sweep(Date.now())).toEqual([])
      const deleted = await t.server.services.get(Retention).sweep(Date.parse(`${addDays(today(), 1)}T00:00:01Z`))
      expect(deleted).toEqual([expiring.workshopId])

      const dump = postgres ? await dumpPostgres(database!.url) : dumpSqlite(path.join(t.dataDir, 'pinnwand.sqlite'))
      // No personal data and no content anywhere, not even in the tombstone.
      const content = [expiringData.name, expiringData.ideaText, expiringData.commentText, 'Werkstatt, die gehen muss']
      expect(tablesContaining(dump, content)).toEqual({})
      // No row refers to the workshop, its boards, its participant or its round, except the tombstone.
      const ids = [expiring.workshopId, ...expiring.boardIds, expiringData.participantId, expiringData.roundId]
      const referring = tablesContaining(new Map([...dump].filter(([name]) => !TOMBSTONES.has(name))), ids)
      expect(referring).toEqual({})
      // The other workshop is whole.
      expect(Object.keys(tablesContaining(dump, [keptData.ideaText])).length).toBeGreaterThan(0)
      expect(Object.keys(tablesContaining(dump, [keptData.name])).length).toBeGreaterThan(0)
      if (!postgres) {
        // Nor on disk: deleted pages are overwritten and the write-ahead log emptied.
        expect(filesContaining(t.dataDir, content)).toEqual([])
      }

      const gone = await callRoute(t.url, workshopRoutes.workshopOverview, {
        params: { workshopId: expiring.workshopId },
        token: expiring.facilitatorToken,
      })
      expect(gone.status).toBe(410)
      const stillThere = await callRoute(t.url, workshopRoutes.workshopOverview, {
        params: { workshopId: kept.workshopId },
        token: kept.facilitatorToken,
      })
      expect(stillThere.status).toBe(200)
    })
  },
)
