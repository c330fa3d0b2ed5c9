import { expect, test } from '../fixtures/test.ts'
import { joinWorkshop, call } from '../fixtures/api.ts'

test(
  'a tie across the shortlist cut-off: one click opens a run-off over exactly the tied ideas',
  { tag: '@desktop' },
  async ({ board, workshop, server }) => {
    test.setTimeout(120_000)
    const texts = ['Bike lanes', 'Night bus', 'Car sharing', 'More benches', 'Water fountains']
    const ids: string[] = []
    for (const text of texts) {
      ids.push(
        (
          await call<{ idea: { id: string } }>(
            server.url,
            'POST',
            `/api/boards/${workshop.boardId}/ideas`,
            workshop.facilitatorToken,
            { text },
          )
        ).idea.id,
      )
    }
    const { roundId } = await call<{ roundId: string }>(
      server.url,
      'POST',
      `/api/boards/${workshop.boardId}/rounds`,
      workshop.facilitatorToken,
      {
        dotsPerParticipant: 3,
      },
    )
    // Bike lanes 3, night bus 2, and three ideas with 1 dot each: places 1, 2, 3, 3, 3.
    const picks = [
      [0, 0, 0],
      [1, 1, 2],
      [3, 4],
    ]
    for (const [i, pick] of picks.entries()) {
      const voter = await joinWorkshop(server.url, workshop, `Voter ${i + 1}`)
      for (const index of pick) {
        await call(server.url, 'POST', `/api/rounds/${roundId}/votes`, voter.token, { ideaId: ids[index], delta: 1 })
      }
    }
    await call(server.url, 'POST', `/api/rounds/${roundId}/reveal`, workshop.facilitatorToken)

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
        const { rounds } = await call<{
          rounds: { id: string; status: string; ideaIds: string[] | null; dotsPerParticipant: number }[]
        }>(server.url, 'GET', `/api/boards/${workshop.boardId}/rounds`, workshop.facilitatorToken)
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
