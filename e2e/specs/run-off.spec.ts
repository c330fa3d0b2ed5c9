import { expect, test } from '../fixtures/test.ts'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { listRounds } from '@pinnwand/shared/votingRoutes'
import { giveDot, joinWorkshop, openRound, postIdea, revealRound } from '../fixtures/api.ts'

test(
  'a tie across the shortlist cut-off: one click opens a run-off over exactly the tied ideas',
  { tag: '@desktop' },
  async ({ board, workshop, server }) => {
    test.setTimeout(120_000)
    const texts = ['Bike lanes', 'Night bus', 'Car sharing', 'More benches', 'Water fountains']
    const ids: string[] = []
    for (const text of texts) ids.push(await postIdea(server.url, workshop.boardId, workshop.facilitatorToken, text))
    const roundId = await openRound(server.url, workshop.boardId, workshop.facilitatorToken, {
      dotsPerParticipant: 3,
    })
    // Bike lanes 3, night bus 2, and three ideas with 1 dot each: places 1, 2, 3, 3, 3.
    const picks = [
      [0, 0, 0],
      [1, 1, 2],
      [3, 4],
    ]
    for (const [i, pick] of picks.entries()) {
      const voter = await joinWorkshop(server.url, workshop, `Voter ${i + 1}`)
      for (const index of pick) await giveDot(server.url, roundId, voter.token, ids[index]!)
    }
    await revealRound(server.url, roundId, workshop.facilitatorToken)

    await board.page.goto(`/b/${workshop.boardId}?token=${encodeURIComponent(workshop.facilitatorToken)}`)
    await expect(board.canvas).toBeVisible({ timeout: 60_000 })
    await board.waitForConnected(60_000)
    await board.page.getByTestId('panel-tab-voting').click()
    const panel = board.page.getByTestId('panel-voting')
    await panel.getByTestId('promote-top-n').fill('3')
    const runOff = panel.getByTestId('run-off')
    await expect(runOff).toHaveText('Run-off: 3 tied ideas for 1 place')
    await runOff.click()

    await expect
      .poll(async () => {
        const { rounds } = await callApi(
          listRounds,
          { params: { boardId: workshop.boardId }, token: workshop.facilitatorToken },
          { baseUrl: server.url },
        )
        const latest = rounds.find((r) => r.id !== roundId)
        return (
          latest && {
            status: latest.status,
            ideaIds: [...(latest.ideaIds ?? [])].sort(),
            dots: latest.dotsPerParticipant,
          }
        )
      })
      .toEqual({ status: 'open', ideaIds: [ids[2], ids[3], ids[4]].sort(), dots: 1 })
  },
)
