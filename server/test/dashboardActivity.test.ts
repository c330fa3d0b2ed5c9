import { callApi } from '@pinnwand/shared/contract/callApi'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import { afterAll, beforeAll, describe, it } from 'vitest'
import {
  connectClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  startTestServer,
  type TestServer,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

describe('dashboard activity', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer()
  })
  afterAll(async () => {
    await t.stop()
  })

  it('counts the ideas a participant wrote on the live board, without a reload', async () => {
    const workshop = await createWorkshop(t.url)
    const boardId = workshop.boardIds[0]!
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const client = await connectClient(t.url, boardId, ada.participantToken)
    // As the web app does: presence first (its client id is reserved then), the card after.
    client.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#f00' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const card = ideaCard(ada.participantId, 'Bus alle 10 Minuten')
    client.records.set(card.id, card)
    try {
      await waitFor(
        async () => {
          const overview = await callApi(
            workshopRoutes.workshopOverview,
            { params: { workshopId: workshop.workshopId }, token: workshop.facilitatorToken },
            { baseUrl: t.url },
          )
          return overview.boards.find((b) => b.id === boardId)?.ideas === 1
        },
        { timeout: 10_000, what: 'idea count 1 on the dashboard' },
      )
    } finally {
      client.destroy()
    }
  })
})
