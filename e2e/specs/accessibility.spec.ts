import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '../fixtures/test.ts'

const BLOCKING = new Set(['serious', 'critical'])

test.describe('accessibility', () => {
  test('the board page has no serious or critical axe violations', async ({ board, workshop }) => {
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()
    await board.createIdeaCard('Accessible idea')

    const results = await new AxeBuilder({ page: board.page }).analyze()
    // The scan saw the board (canvas, toolbar, card), not an empty or error page.
    expect(results.passes.length).toBeGreaterThan(10)
    await expect(board.card('Accessible idea')).toBeVisible()
    const blocking = results.violations
      .filter((violation) => BLOCKING.has(violation.impact ?? ''))
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      }))
    expect(blocking).toEqual([])
  })
})
