import type { BoardPage } from '../pages/BoardPage.ts'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { revokeParticipant } from '@pinnwand/shared/boardRoutes'
import { listIdeas } from '../fixtures/api.ts'
import { PinnwandCluster } from '../fixtures/cluster.ts'
import type { PinnwandDeployment } from '../fixtures/server.ts'
import { expect, test } from '../fixtures/test.ts'

/**
 * What only the two-instance deployment has (PINNWAND_E2E_TOPOLOGY=cluster): the rest of the
 * suite runs unchanged against it and proves that nothing depends on being on one process;
 * these tests make sure the proxy really splits people over both instances, and that a
 * revocation and a dying instance behave as docs/operations.md says.
 */
test.describe('two instances behind a round-robin proxy', () => {
  test.skip(({ topology }) => topology !== 'cluster', 'needs PINNWAND_E2E_TOPOLOGY=cluster')

  const clusterOf = (server: PinnwandDeployment): PinnwandCluster => {
    if (!(server instanceof PinnwandCluster)) throw new Error('not a cluster')
    return server
  }

  /** The instance holding this page's board socket (exactly one). */
  const socketInstance = async (cluster: PinnwandCluster, token: string): Promise<string> => {
    await expect.poll(() => cluster.socketInstancesOf(token).length).toBe(1)
    return cluster.socketInstancesOf(token)[0]!
  }

  /** Reloads a page until its socket is on `instance` (the proxy alternates per connection). */
  const onInstance = async (cluster: PinnwandCluster, board: BoardPage, token: string, instance: string) => {
    for (let attempt = 0; (await socketInstance(cluster, token)) !== instance; attempt++) {
      expect(attempt, `a socket on instance ${instance}`).toBeLessThan(4)
      await board.page.reload()
      await board.waitForMounted()
      await board.waitForConnected()
    }
  }

  test(
    'one board, two people on different instances: cards and API calls meet',
    { tag: '@desktop' },
    async ({ server, board, workshop, newUser }) => {
      const cluster = clusterOf(server)
      const ada = await newUser('Ada')
      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()
      const facilitatorOn = await socketInstance(cluster, workshop.facilitatorToken)
      await ada.board.open(workshop.boardId, ada.participant.token)
      await ada.board.waitForConnected()
      await onInstance(cluster, ada.board, ada.participant.token, cluster.other(facilitatorOn))

      await board.createIdeaCard('From the first instance')
      await expect(ada.board.card('From the first instance')).toBeVisible()
      await ada.board.createIdeaCard('From the second instance')
      await expect(board.card('From the second instance')).toBeVisible()
      // Both instances answer the same (each reads the shared database and its own room).
      for (const name of ['a', 'b']) {
        await expect
          .poll(async () =>
            (await listIdeas(cluster.instance(name).url, workshop.boardId, workshop.facilitatorToken)).ideas
              .map((i) => i.text)
              .sort(),
          )
          .toEqual(['From the first instance', 'From the second instance'])
      }
      // The page's own HTTP calls went to both instances too.
      for (const name of ['a', 'b']) expect(cluster.served.get(name)?.http ?? 0).toBeGreaterThan(0)
    },
  )

  test('a participant removed through the other instance is disconnected at once', async ({
    server,
    workshop,
    newUser,
  }) => {
    const cluster = clusterOf(server)
    const ada = await newUser('Ada')
    await ada.board.open(workshop.boardId, ada.participant.token)
    await ada.board.waitForConnected()
    const elsewhere = cluster.other(await socketInstance(cluster, ada.participant.token))

    const removed = await callApi(
      revokeParticipant,
      {
        params: { workshopId: workshop.id, participantId: ada.participant.participantId },
        token: workshop.facilitatorToken,
      },
      { baseUrl: cluster.instance(elsewhere).url },
    )
    expect(removed).toBeUndefined()
    await expect(ada.board.page.getByTestId('board-error')).toContainText('You do not have access to this board.')
  })

  test(
    'an instance dies (SIGKILL): its pages move to the other one and lose nothing',
    { tag: '@desktop' },
    async ({ server, board, workshop, newUser }) => {
      const cluster = clusterOf(server)
      const dana = await newUser('Dana')
      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()
      const facilitatorOn = await socketInstance(cluster, workshop.facilitatorToken)
      await dana.board.open(workshop.boardId, dana.participant.token)
      await dana.board.waitForConnected()
      await onInstance(cluster, dana.board, dana.participant.token, cluster.other(facilitatorOn))
      const doomed = cluster.other(facilitatorOn)

      await board.createIdeaCard('Seen before the crash')
      // Dana sees it: it is durable (persist before broadcast), whatever happens to her instance.
      await expect(dana.board.card('Seen before the crash')).toBeVisible()

      await cluster.instance(doomed).stop('SIGKILL')
      try {
        // Dana's page reconnects by itself, through the proxy, to the instance that is left.
        await expect
          .poll(() => cluster.socketInstancesOf(dana.participant.token), { timeout: 30_000 })
          .toEqual([facilitatorOn])
        await dana.board.waitForConnected(30_000)
        await expect(dana.board.card('Seen before the crash')).toBeVisible()
        await dana.board.createIdeaCard('Written after the crash')
        await expect(board.card('Written after the crash')).toBeVisible()
        const stored = await listIdeas(server.url, workshop.boardId, workshop.facilitatorToken)
        expect(stored.ideas.map((i) => i.text).sort()).toEqual(['Seen before the crash', 'Written after the crash'])
      } finally {
        // The next tests of this worker get both instances again.
        await cluster.instance(doomed).startAgain()
      }
    },
  )
})
