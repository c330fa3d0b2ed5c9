import type { UpdateTableBody } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as facilitationRoutes from '@pinnwand/shared/facilitationRoutes'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as exportRoutes from '@pinnwand/shared/exportRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { callRoute } from './helpers/callRoute.ts'
import { docxText, parseCsv, pdfText, squash } from './exportParsers.ts'
import { type FreshDatabase, freshPostgres } from './helpers/freshPostgres.ts'
import {
  createWorkshop,
  joinParticipant,
  startTestServer,
  type TestServer,
  watchBoardState,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { status } from './controlRoomHelpers.ts'

const databaseUrl = process.env.DATABASE_URL

/** Editing a table's number ("Tisch 3") through PATCH /api/boards/:id, on SQLite and PostgreSQL. */
describe.each([{ name: 'SQLite', postgres: false }, ...(databaseUrl ? [{ name: 'PostgreSQL', postgres: true }] : [])])(
  'table numbers on $name',
  ({ postgres }) => {
    let t: TestServer
    let database: FreshDatabase | undefined
    beforeAll(async () => {
      database = postgres ? await freshPostgres(databaseUrl!, 'tablenumber') : undefined
      t = await startTestServer(database ? { DATABASE_URL: database.url } : {})
    })
    afterAll(async () => {
      await t?.stop()
      await database?.drop()
    })

    const patch = (token: string, boardId: string, body: z.input<typeof UpdateTableBody>) =>
      callRoute(t.url, boardRoutes.updateTable, { params: { boardId }, body, token })

    async function forumWithPlenary() {
      const res = await callRoute(t.url, workshopRoutes.createWorkshop, {
        body: {
          title: 'Regionalforum',
          boards: [
            { title: 'Mobilität' },
            { title: 'Plenum', kind: 'plenary' },
            { title: 'Grün' },
            { title: 'Wohnen' },
          ],
        },
      })
      expect(res.status).toBe(201)
      return {
        workshopId: res.body.workshop.id,
        joinCode: res.body.workshop.joinCode,
        facilitatorToken: res.body.facilitatorToken,
        projectorToken: '',
        boardIds: res.body.boards.map((b) => b.id),
      }
    }

    const numbersOf = async (workshop: Awaited<ReturnType<typeof forumWithPlenary>>) =>
      Object.fromEntries((await status(t.url, workshop)).tables.map((table) => [table.title, table.number]))

    it('gives a table the number another one held: the two swap, the plenary keeps none', async () => {
      const workshop = await forumWithPlenary()
      const [mobility, , green, housing] = workshop.boardIds as [string, string, string, string]
      expect(await numbersOf(workshop)).toEqual({ Mobilität: 1, Plenum: null, Grün: 2, Wohnen: 3 })

      const res = await patch(workshop.facilitatorToken, housing, { number: 1 })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ id: housing, number: 1 })
      expect(await numbersOf(workshop)).toEqual({ Mobilität: 3, Plenum: null, Grün: 2, Wohnen: 1 })

      // Every place that names the table reads the same number: the board header's display info.
      const display = await callApi(
        facilitationRoutes.boardDisplay,
        { params: { boardId: mobility }, token: workshop.facilitatorToken },
        { baseUrl: t.url },
      )
      expect(display.board.number).toBe(3)
      // The join page's table choice numbers the tables the same way (the closed plenary is not offered).
      const join = await callApi(
        boardRoutes.lookupJoinCode,
        { params: { joinCode: workshop.joinCode } },
        { baseUrl: t.url },
      )
      expect(join.boards.map((b) => [b.title, b.number])).toEqual([
        ['Wohnen', 1],
        ['Grün', 2],
        ['Mobilität', 3],
      ])

      // The same request again changes nothing (the number is a state, not a step).
      expect((await patch(workshop.facilitatorToken, housing, { number: 1 })).body).toMatchObject({ number: 1 })
      expect(await numbersOf(workshop)).toEqual({ Mobilität: 3, Plenum: null, Grün: 2, Wohnen: 1 })
      expect((await patch(workshop.facilitatorToken, green, { number: 2 })).status).toBe(200)
    })

    it('tells the open boards of both swapped tables their new numbers at once', async () => {
      const workshop = await forumWithPlenary()
      const [mobility, , green, housing] = workshop.boardIds as [string, string, string, string]
      const ada = await joinParticipant(t.url, workshop, 'Ada')
      const atMobility = await watchBoardState(t.url, mobility, ada.participantToken)
      const atHousing = await watchBoardState(t.url, housing, ada.participantToken)
      const atGreen = await watchBoardState(t.url, green, ada.participantToken)
      try {
        expect((await patch(workshop.facilitatorToken, housing, { number: 1 })).status).toBe(200)
        const numberAt = (watch: typeof atMobility) => (watch.latest().table as { number?: number } | undefined)?.number
        await waitFor(() => numberAt(atHousing) === 1 && numberAt(atMobility) === 3, { what: 'both tables renumbered' })
        // A table the swap did not touch hears nothing.
        expect(atGreen.states.some((state) => state.table !== undefined)).toBe(false)
        // A refused number changes no open board.
        expect((await patch(workshop.facilitatorToken, green, { number: 9 })).status).toBe(422)
        expect(atGreen.states.some((state) => state.table !== undefined)).toBe(false)
      } finally {
        for (const watch of [atMobility, atHousing, atGreen]) watch.client.destroy()
      }
    })

    it('refuses a number above N or for the plenary, and applies nothing else of that request', async () => {
      const workshop = await forumWithPlenary()
      const [mobility, plenary] = workshop.boardIds as [string, string, string, string]
      const tooHigh = await patch(workshop.facilitatorToken, mobility, { number: 4, maxParticipants: 5 })
      expect(tooHigh.status).toBe(422)
      expect(tooHigh.body).toMatchObject({ error: { code: 'table_number_out_of_range', details: { tables: 3 } } })
      expect((tooHigh.body as { error: { message: string } }).error.message).toContain('1 to 3')
      const after = (await status(t.url, workshop)).tables.find((table) => table.id === mobility)
      expect(after).toMatchObject({ number: 1, maxParticipants: null })

      const onPlenary = await patch(workshop.facilitatorToken, plenary, { number: 1 })
      expect(onPlenary.status).toBe(422)
      expect(onPlenary.body).toMatchObject({ error: { code: 'table_number_out_of_range' } })

      for (const bad of [
        { number: 0 },
        { number: 1.5 },
        { number: '2' },
        { number: -1 },
        { number: 1e9 },
        { number: null },
      ]) {
        const res = await patch(workshop.facilitatorToken, mobility, bad as never)
        expect(res.status, JSON.stringify(bad)).toBe(400)
        expect(res.body).toMatchObject({ error: { code: 'validation_failed' } })
      }
      expect(await numbersOf(workshop)).toEqual({ Mobilität: 1, Plenum: null, Grün: 2, Wohnen: 3 })
    })

    it("refuses participants and another workshop's organiser", async () => {
      const workshop = await forumWithPlenary()
      const other = await createWorkshop(t.url, 2)
      const [mobility] = workshop.boardIds as [string]
      const participant = await joinParticipant(t.url, workshop, 'Ada')
      expect((await patch(participant.participantToken, mobility, { number: 2 })).status).toBe(403)
      const foreign = await patch(other.facilitatorToken, mobility, { number: 2 })
      expect(foreign.status).toBe(404)
      expect(foreign.body).toMatchObject({ error: { code: 'board_not_found' } })
      expect(await numbersOf(workshop)).toEqual({ Mobilität: 1, Plenum: null, Grün: 2, Wohnen: 3 })
    })

    it('names the table "Tisch N · Titel" in the PDF, DOCX, Markdown and CSV reports, after a renumbering too', async () => {
      const workshop = await forumWithPlenary()
      const [mobility, , , housing] = workshop.boardIds as [string, string, string, string]
      expect((await patch(workshop.facilitatorToken, housing, { number: 1 })).status).toBe(200)
      const download = async (boardId: string, format: string) => {
        const file = await callApi(
          exportRoutes.exportBoard,
          { params: { boardId }, query: { format }, token: workshop.facilitatorToken },
          { baseUrl: t.url },
        )
        return new Uint8Array(await file.arrayBuffer())
      }
      const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)
      expect(text(await download(mobility, 'md'))).toContain('Tisch 3 · Mobilität')
      const csv = parseCsv(text(await download(mobility, 'csv')).replace(/^\uFEFF/, ''))
      expect(csv.slice(1).every((row) => row[0] === 'Tisch 3 · Mobilität')).toBe(true)
      expect(squash(await pdfText(await download(mobility, 'pdf')))).toContain(squash('Tisch 3 · Mobilität'))
      const docx = unzipSync(await download(housing, 'docx'))
      expect(docxText(new TextDecoder().decode(docx['word/document.xml']))).toContain('Tisch 1 · Wohnen')
    })

    it('keeps 1…N without duplicates when many numbers change at once', async () => {
      const workshop = await createWorkshop(t.url, 6)
      const targets = [6, 1, 5, 2, 4, 3]
      const responses = await Promise.all(
        workshop.boardIds.map((id, i) => patch(workshop.facilitatorToken, id, { number: targets[i] })),
      )
      expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200))
      const numbers = (await status(t.url, workshop)).tables.map((table) => table.number)
      expect([...numbers].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6])
    })
  },
)
