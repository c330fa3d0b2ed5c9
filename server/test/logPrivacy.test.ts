import { rmSync } from 'node:fs'
import { lookupJoinCode } from '@pinnwand/shared/boardRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as privacyRoutes from '@pinnwand/shared/privacyRoutes'
import { workshopOverview } from '@pinnwand/shared/workshopRoutes'
import { afterAll, describe, expect, it } from 'vitest'
import { type ChildServer, startChildServer } from './helpers/childServer.ts'
import { callRoute } from './helpers/callRoute.ts'
import { fillWorkshop } from './helpers/personalData.ts'
import { createWorkshop, freshDataDir } from './helpers/testServer.ts'

/**
 * Data minimisation: what the server writes to its log at the default level while people join,
 * write, comment, vote and ask for their name to be removed carries no names, no content, no
 * tokens and no client addresses.
 */
describe('logs at info level', () => {
  const dataDir = freshDataDir()
  let server: ChildServer | undefined
  afterAll(async () => {
    server?.child.kill('SIGTERM')
    await server?.exited
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('hold ids and counts, never names, texts, tokens or addresses', async () => {
    server = await startChildServer(dataDir, { LOG_LEVEL: 'info', IDLE_UNLOAD_MS: '100' })
    const workshop = await createWorkshop(server.url)
    const filled = await fillWorkshop(server.url, workshop, 'Zoë Geheimname')
    const removed = await callApi(
      privacyRoutes.removeParticipantName,
      {
        params: { workshopId: workshop.workshopId, participantId: filled.participantId },
        token: workshop.facilitatorToken,
      },
      { baseUrl: server.url },
    )
    expect(removed.participantId).toBe(filled.participantId)
    // A wrong token and a wrong code are logged (if at all) without what was sent.
    await callRoute(server.url, workshopOverview, {
      params: { workshopId: workshop.workshopId },
      token: 'falsches-token-123456',
    })
    await callRoute(server.url, lookupJoinCode, { params: { joinCode: 'ZZZZZZ' } })
    await new Promise((resolve) => setTimeout(resolve, 500))

    const lines = server.logs.map((entry) => JSON.stringify(entry))
    // The log is not simply empty: it speaks about this board, by id.
    expect(lines.some((line) => line.includes(workshop.boardIds[0]!))).toBe(true)
    const secrets = [
      filled.name,
      filled.ideaText,
      filled.commentText,
      workshop.facilitatorToken,
      filled.participantToken,
      workshop.projectorToken,
      'falsches-token-123456',
    ]
    expect(lines.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([])
    const addressKeys = /"(ip|remoteAddress|remoteaddress|address|x-forwarded-for|hostname_of_client)":/
    expect(lines.filter((line) => addressKeys.test(line))).toEqual([])
  })
})
