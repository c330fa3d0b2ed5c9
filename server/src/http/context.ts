import type { TLSchema } from '@tldraw/tlschema'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import type { FeatureServices } from '../features/FeatureServices.ts'
import type { Store } from '../store/Store.ts'
import type { RoomPorts } from '../sync/roomPorts.ts'
import type { WsGateway } from '../sync/wsGateway.ts'

/**
 * What HTTP routes may use: the core. A feature's own service comes as the third argument of
 * its `routes` (features/ServerFeature.ts); what it needs of another feature it asks
 * `services` for by that feature's key, through a narrow port.
 */
export interface AppContext {
  config: Config
  store: Store
  /** The rooms through their ports; routes never see the room manager itself. */
  rooms: RoomPorts
  gateway: WsGateway
  schema: TLSchema
  logger: Logger
  version: string
  /** Services and hooks the features provide (features/FeatureServices.ts). */
  services: FeatureServices
}
