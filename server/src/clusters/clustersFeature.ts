import { defineFeature } from '../features/ServerFeature.ts'
import { ClusterGrowth } from './ClusterGrowth.ts'
import { OverlapRepair } from './OverlapRepair.ts'

/** Clusters grow around the cards dropped in them, and overlapping cards are moved apart, in every loaded room. */
export const clustersFeature = defineFeature({
  name: 'clusters',
  start({ rooms, schema, logger }) {
    const log = logger.child({ component: 'clusters' })
    const clusterGrowth = new ClusterGrowth({ schema, logger: log })
    rooms.onRoomLoaded((room) => clusterGrowth.watch(room))
    const overlapRepair = new OverlapRepair({ schema, logger: log })
    rooms.onRoomLoaded((room) => overlapRepair.watch(room))
  },
})
