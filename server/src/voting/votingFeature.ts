import { votingRoutes } from '@pinnwand/shared/votingRoutes'
import { IdeaListParts } from '../features/coreHooks.ts'
import { defineFeature } from '../features/ServerFeature.ts'
import { KyselyVotingStore } from './kyselyVotingStore.ts'
import { votingBoardExtras } from './votingBoardExtras.ts'
import { renameVoter } from './kyselyVoterNames.ts'
import { revealedTallies, withRevealedVotes } from './roundView.ts'
import { RoundStatePublisher } from './RoundStatePublisher.ts'
import { RoundTimer } from './RoundTimer.ts'
import { registerVotingRoutes } from './votingRoutes.ts'
import { type VotingService, VotingRounds, VotingRuntime } from './votingService.ts'
import { voting } from './migrations/0003_voting.ts'
import { roundFacilitatorsVote } from './migrations/0012_round_facilitators_vote.ts'

/** Dot voting: rounds, votes, proxies, timers that close rounds, revealed results. */
export const votingFeature = defineFeature({
  name: 'voting',
  migrations: () => ({ '0003_voting': voting, '0012_round_facilitators_vote': roundFacilitatorsVote }),
  openapi: votingRoutes,
  stores: (db, dialect) => ({ voting: new KyselyVotingStore(db, dialect) }),
  renameParticipant: renameVoter,
  boardExtras: votingBoardExtras,
  async start({ store, rooms, logger, services }): Promise<VotingService> {
    const log = logger.child({ component: 'voting' })
    const voting: VotingService = {
      store: store.voting,
      timer: new RoundTimer(store.voting, { logger: log }),
      publisher: new RoundStatePublisher(store.voting, rooms, log),
    }
    // A round closed by its timer locks/unlocks the board and tells everyone, with no request.
    voting.timer.onClosed((roundIds) => {
      for (const roundId of roundIds) {
        void store.voting.getRound(roundId).then((round) => round && voting.publisher.publishNow(round.boardId))
      }
    })
    // Started before listening: rounds that ran out while the server was down close first.
    await voting.timer.start()
    services.provide(VotingRuntime, voting)
    services.provide(VotingRounds, store.voting)
    // The idea list shows the votes of revealed rounds.
    services.contribute(IdeaListParts, async (boardId, ideas) =>
      withRevealedVotes(ideas, await revealedTallies(store.voting, boardId)),
    )
    return voting
  },
  routes: (app, ctx, voting) => registerVotingRoutes(app, ctx, voting),
  async stop(voting) {
    await voting.timer.stop()
    voting.publisher.stop()
  },
})
