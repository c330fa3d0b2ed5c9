import type { TLSchema } from '@tldraw/tlschema'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import type { BoardHistory } from '../history/BoardHistory.ts'
import type { Facilitation } from '../facilitation/Facilitation.ts'
import type { PrivatePhase } from '../privatePhase/PrivatePhase.ts'
import type { Moderation } from '../moderation/Moderation.ts'
import type { Store } from '../store/Store.ts'
import type { RoomPorts } from '../sync/roomPorts.ts'
import type { RoundStatePublisher } from '../voting/RoundStatePublisher.ts'
import type { RoundTimer } from '../voting/RoundTimer.ts'
import type { VotingStore } from '../voting/VotingStore.ts'
import type { WsGateway } from '../sync/wsGateway.ts'

/** What HTTP routes may use. */
export interface AppContext {
  config: Config
  store: Store
  /** The rooms through their ports; routes never see the room manager itself. */
  rooms: RoomPorts
  gateway: WsGateway
  schema: TLSchema
  logger: Logger
  version: string
  /** Dot voting: rounds and votes in the database, timers that close rounds. */
  voting: { store: VotingStore; timer: RoundTimer; publisher: RoundStatePublisher }
  /** Board history: versions of each board, preview and restore. */
  history: BoardHistory
  /** Board timer, "follow me" and "bring everyone to my view". */
  facilitation: Facilitation
  /** Stilles Sammeln: private cards outside the board document until the reveal. */
  privatePhase: PrivatePhase
  /** The moderation inbox: participants' new cards wait for the facilitator's approval. */
  moderation: Moderation
}
