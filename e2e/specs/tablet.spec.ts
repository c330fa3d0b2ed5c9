import { expect, test } from '../fixtures/test.ts'

test.describe('tablet (touch)', () => {
  test(
    'a participant creates a card by tapping',
    { tag: '@tablet' },
    async ({ workshop, newUser, board, hasTouch }) => {
      expect(hasTouch, 'this spec runs in the touch project').toBe(true)
      const fritz = await newUser('Fritz')
      await fritz.board.open(workshop.boardId, fritz.participant.token)
      await fritz.board.waitForConnected()

      // Tap the tool, tap the canvas, type on the (on-screen) keyboard.
      await fritz.board.createIdeaCard('Written on a tablet')
      await expect(fritz.board.card('Written on a tablet')).toBeVisible()

      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()
      await expect(board.card('Written on a tablet')).toBeVisible()
      expect(await board.storedCards()).toEqual([
        expect.objectContaining({ text: 'Written on a tablet', author: 'Fritz' }),
      ])
    },
  )
})
