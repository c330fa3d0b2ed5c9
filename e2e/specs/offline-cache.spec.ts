import { expect, test } from '../fixtures/test.ts'

test.describe('offline cache', () => {
  test(
    'cards added while the Wi-Fi is gone survive a reload and reach the others on return',
    { tag: '@desktop' },
    async ({ workshop, newUser }) => {
      const ada = await newUser('Ada')
      const bob = await newUser('Bob')
      await ada.board.open(workshop.boardId, ada.participant.token)
      await bob.board.open(workshop.boardId, bob.participant.token)
      await Promise.all([ada.board.waitForConnected(), bob.board.waitForConnected()])
      await ada.board.createIdeaCard('Noch online')
      await expect(bob.board.card('Noch online')).toBeVisible()

      await ada.context.setOffline(true)
      await expect(ada.board.status).toHaveAttribute('data-status', 'offline')
      await ada.board.createIdeaCard('Im Funkloch 1')
      await ada.board.createIdeaCard('Im Funkloch 2')

      // A reload without network opens the board from this browser's caches, with everything.
      await ada.board.page.reload()
      await ada.board.waitForMounted()
      await expect(ada.board.status).toHaveAttribute('data-status', /offline|connecting/)
      await expect.poll(() => ada.board.cardTexts()).toEqual(['Im Funkloch 1', 'Im Funkloch 2', 'Noch online'])
      // Nobody else has seen them yet.
      expect(await bob.board.cardTexts()).toEqual(['Noch online'])

      // Back online: the page reconnects by itself and the others receive the offline cards.
      await ada.context.setOffline(false)
      await ada.board.waitForConnected(30_000)
      await expect
        .poll(() => bob.board.cardTexts(), { timeout: 15_000 })
        .toEqual(['Im Funkloch 1', 'Im Funkloch 2', 'Noch online'])
      // And the server has them: a browser with an empty cache gets them too.
      const carla = await newUser('Carla')
      await carla.board.open(workshop.boardId, carla.participant.token)
      await carla.board.waitForConnected()
      await expect.poll(() => carla.board.cardTexts()).toEqual(['Im Funkloch 1', 'Im Funkloch 2', 'Noch online'])
    },
  )
})
