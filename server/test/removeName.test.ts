import { callApi } from '@pinnwand/shared/contract/callApi'
import { exportBoard, updateExportSettings } from '@pinnwand/shared/exportRoutes'
import { listVersions, previewVersion } from '@pinnwand/shared/historyRoutes'
import { listIdeas } from '@pinnwand/shared/ideaRoutes'
import { REMOVED_NAME as REMOVED } from '@pinnwand/shared/privacyApi'
import * as privacyRoutes from '@pinnwand/shared/privacyRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText, squash } from './exportParsers.ts'
import {
  dumpSqlite,
  fillWorkshop,
  filesContaining,
  type FilledWorkshop,
  tablesContaining,
} from './helpers/personalData.ts'
import { callRoute } from './helpers/callRoute.ts'
import { createWorkshop, startTestServer, type TestServer, type TestWorkshop } from './helpers/testServer.ts'
import path from 'node:path'

async function download(url: string, boardId: string, format: string, token: string): Promise<Buffer> {
  const file = await callApi(exportBoard, { params: { boardId }, query: { format }, token }, { baseUrl: url })
  return Buffer.from(await file.arrayBuffer())
}

/** "Please remove my name": the facilitator replaces it everywhere; the ideas stay. */
describe("removing a participant's name", () => {
  let t: TestServer
  let workshop: TestWorkshop
  let zoe: FilledWorkshop
  let bob: FilledWorkshop
  let boardId: string

  beforeAll(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    zoe = await fillWorkshop(t.url, workshop, 'Zoë Vergessen')
    bob = await fillWorkshop(t.url, workshop, 'Bob Bleibt')
    // Exports print authors only when the organiser chose so; here they did.
    const settings = await callRoute(t.url, updateExportSettings, {
      params: { workshopId: workshop.workshopId },
      token: workshop.facilitatorToken,
      body: { showAuthors: true },
    })
    expect(settings.status).toBe(200)
  })
  afterAll(() => t?.stop())

  it('only the facilitator of the workshop, only for its participants', async () => {
    const removeName = (participantId: string, token: string) =>
      callRoute(t.url, privacyRoutes.removeParticipantName, {
        params: { workshopId: workshop.workshopId, participantId },
        token,
      })
    expect((await removeName(zoe.participantId, bob.participantToken)).status).toBe(403)
    const other = await createWorkshop(t.url)
    expect((await removeName(zoe.participantId, other.facilitatorToken)).status).toBe(403)
    const unknown = await removeName('p_nobody', workshop.facilitatorToken)
    expect(unknown.status).toBe(404)
    expect(unknown.body.error?.code).toBe('not_found')
    // Before: the name is in the PDF, so the check below means something.
    const pdf = squash(await pdfText(await download(t.url, boardId, 'pdf', workshop.facilitatorToken)))
    expect(pdf).toContain(squash(zoe.name))
  })

  it('replaces it on the board, in history, ballots, the PDF and JSON exports — and nowhere else', async () => {
    const removed = await callApi(
      privacyRoutes.removeParticipantName,
      {
        params: { workshopId: workshop.workshopId, participantId: zoe.participantId },
        token: workshop.facilitatorToken,
      },
      { baseUrl: t.url },
    )
    expect(removed).toMatchObject({ participantId: zoe.participantId, name: REMOVED })
    expect(removed.boardEntries).toBe(2) // the card and the comment
    expect(removed.versions).toBeGreaterThanOrEqual(2) // both saved versions held the card

    const { ideas } = await callApi(
      listIdeas,
      { params: { boardId }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    const idea = ideas.find((i) => i.id === zoe.ideaId)
    expect(idea).toMatchObject({ text: zoe.ideaText, author: REMOVED })
    expect(ideas.find((i) => i.id === bob.ideaId)?.author).toBe(bob.name)

    const json = (await download(t.url, boardId, 'json', workshop.facilitatorToken)).toString()
    expect(json).not.toContain(zoe.name)
    expect(json).toContain(REMOVED)
    expect(json).toContain(zoe.ideaText)
    expect(json).toContain(bob.name)

    const pdf = squash(await pdfText(await download(t.url, boardId, 'pdf', workshop.facilitatorToken)))
    expect(pdf).not.toContain(squash(zoe.name))
    expect(pdf).toContain(squash(REMOVED))
    expect(pdf).toContain(squash(bob.name))

    const versions = await callApi(
      listVersions,
      { params: { boardId }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    for (const version of versions.versions) {
      const preview = await callApi(
        previewVersion,
        { params: { boardId, versionId: version.id }, token: workshop.facilitatorToken },
        { baseUrl: t.url },
      )
      expect(await preview.text()).not.toContain(zoe.name)
    }

    // Not in any table (ballots, participants, update log, snapshots, versions), nor in the files.
    const dump = dumpSqlite(path.join(t.dataDir, 'pinnwand.sqlite'))
    expect(tablesContaining(dump, [zoe.name])).toEqual({})
    expect(Object.keys(tablesContaining(dump, [bob.name])).length).toBeGreaterThan(0)
    expect(filesContaining(t.dataDir, [zoe.name])).toEqual([])
  })
})
