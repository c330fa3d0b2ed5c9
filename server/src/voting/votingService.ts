import { ServiceKey } from '../features/FeatureServices.ts'
import type { RoundStatePublisher } from './RoundStatePublisher.ts'
import type { RoundTimer } from './RoundTimer.ts'
import type { VotingStore } from './VotingStore.ts'

/** Dot voting while the server runs: rounds and votes in the database, timers that close rounds. */
export interface VotingService {
  store: VotingStore
  timer: RoundTimer
  publisher: RoundStatePublisher
}

/**
 * The round store, for the features that read or restore rounds (shortlist, control room,
 * board import, idea list). They see the store only, not the timer or the publisher.
 */
export const VotingRounds = new ServiceKey<VotingStore>('voting.rounds')

/** The whole running service (tests stop its timer; createServer's caller may inspect it). */
export const VotingRuntime = new ServiceKey<VotingService>('voting')
