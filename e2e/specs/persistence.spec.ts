import { listIdeas } from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'

test.describe('content survives', () => {
  test('a reload keeps the cards, and the server has them', async ({ board, workshop, server, newUser }) => {
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()
    await board.createIdeaCard('Survives a reload')

    // Stored on the server, not only in this browser's cache.
    await expect
      .poll(async () =>
        (await listIdeas(server.url, workshop.boardId, workshop.facilitatorToken)).ideas.map((i) => i.text),
      )
      .toEqual(['Survives a reload'])

    // Several reloads: the browser's cache (IndexedDB) and the socket race each other on every
    // load, and each order must work.
    for (let reload = 0; reload < 3; reload++) {
      await board.page.reload()
      await board.waitForMounted()
      await board.waitForConnected()
      await expect(board.card('Survives a reload')).toBeVisible()
      expect(await board.cardTexts()).toEqual(['Survives a reload'])
    }

    // A browser with an empty cache gets the card from the server.
    const carla = await newUser('Carla')
    await carla.board.open(workshop.boardId, carla.participant.token)
    await carla.board.waitForConnected()
    await expect(carla.board.card('Survives a reload')).toBeVisible()
  })

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    test(
      `a server restart (${signal}) keeps the cards and the page reconnects by itself`,
      { tag: '@desktop' },
      async ({ board, workshop, server, newUser }) => {
        const dana = await newUser('Dana')
        await board.open(workshop.boardId, workshop.facilitatorToken)
        await dana.board.open(workshop.boardId, dana.participant.token)
        await Promise.all([board.waitForConnected(), dana.board.waitForConnected()])

        await board.createIdeaCard(`Before the ${signal}`)
        // The server broadcasts only what it has stored: once Dana sees it, it is on disk.
        await expect(dana.board.card(`Before the ${signal}`)).toBeVisible()

        await server.stop(signal)
        // Both pages notice the outage…
        await expect(board.status).toHaveAttribute('data-status', 'offline')
        await expect(dana.board.status).toHaveAttribute('data-status', 'offline')

        // …and come back without a reload once the server is up again on the same port.
        await server.startAgain()
        await board.waitForConnected(30_000)
        await dana.board.waitForConnected(30_000)
        await expect(board.card(`Before the ${signal}`)).toBeVisible()

        // The server has the card after the restart (not only the browsers' caches).
        const ideas = await listIdeas(server.url, workshop.boardId, workshop.facilitatorToken)
        expect(ideas.ideas.map((idea) => idea.text)).toEqual([`Before the ${signal}`])

        // The reconnected sockets are live again, in both directions.
        await dana.board.createIdeaCard(`After the ${signal}`)
        await expect(board.card(`After the ${signal}`)).toBeVisible()
        const eve = await newUser('Eve')
        await eve.board.open(workshop.boardId, eve.participant.token)
        await eve.board.waitForConnected()
        await expect.poll(() => eve.board.cardTexts()).toEqual([`After the ${signal}`, `Before the ${signal}`])
      },
    )
  }
})
