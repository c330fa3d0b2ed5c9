import { expect, test } from '../fixtures/test.ts'

test.describe('live board', () => {
  test('a card created in one browser appears with its text in another', async ({ board, workshop, newUser }) => {
    const anna = await newUser('Anna')
    await Promise.all([
      board.open(workshop.boardId, workshop.facilitatorToken),
      anna.board.open(workshop.boardId, anna.participant.token),
    ])
    await Promise.all([board.waitForConnected(), anna.board.waitForConnected()])

    await anna.board.createIdeaCard('More plants in the office')
    await expect(board.card('More plants in the office')).toBeVisible()

    // And the other way round, so both directions of the sync are covered.
    await board.createIdeaCard('Quiet room on floor 2')
    await expect(anna.board.card('Quiet room on floor 2')).toBeVisible()

    await expect.poll(() => anna.board.cardTexts()).toEqual(['More plants in the office', 'Quiet room on floor 2'])
    await expect.poll(() => board.cardTexts()).toEqual(['More plants in the office', 'Quiet room on floor 2'])
    const [annasCard] = (await board.storedCards()).filter((card) => card.text === 'More plants in the office')
    expect(annasCard?.author).toBe('Anna')
  })

  test("another person's cursor shows with their name", { tag: '@desktop' }, async ({ board, workshop, newUser }) => {
    const ben = await newUser('Ben Cursor')
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await ben.board.open(workshop.boardId, ben.participant.token)
    await Promise.all([board.waitForConnected(), ben.board.waitForConnected()])

    await ben.board.moveMouse({ x: 300, y: 250 })
    await ben.board.moveMouse({ x: 420, y: 330 })
    const cursor = board.collaboratorCursor('Ben Cursor')
    await expect(cursor).toBeVisible()
    await expect(cursor.locator('.tl-nametag')).toHaveText('Ben Cursor')

    // The cursor follows Ben's pointer.
    const first = await cursor.boundingBox()
    await ben.board.moveMouse({ x: 700, y: 500 })
    await expect.poll(async () => (await cursor.boundingBox())?.x).toBeGreaterThan((first?.x ?? 0) + 150)
  })
})
