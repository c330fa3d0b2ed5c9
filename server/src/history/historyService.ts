import { ServiceKey } from '../features/FeatureServices.ts'
import type { BoardHistory } from './BoardHistory.ts'
import type { BoardVersionStore } from './BoardVersionStore.ts'

/** What other features ask of the board history: a version when a round opens, the report's list. */
export const VersionHistory = new ServiceKey<Pick<BoardHistory, 'roundOpened' | 'exportMetadata'>>('history')

/** The stored versions, for data protection (a removed name goes from every version too). */
export const VersionStorePort = new ServiceKey<BoardVersionStore>('history.versions')
