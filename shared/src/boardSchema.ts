import {
  createShapePropsMigrationIds,
  createShapePropsMigrationSequence,
  createTLSchema,
  DefaultColorStyle,
  defaultShapeSchemas,
  type RecordProps,
  type TLBaseShape,
  type TLDefaultColorStyle,
  type TLSchema,
} from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { Limits } from './limits.ts'

/** The shape type of an idea card (a sticky note with author and colour). */
export const IDEA_CARD_TYPE = 'idea-card' as const

export interface IdeaCardProps {
  w: number
  h: number
  /** Plain text, multi-line; never interpreted as HTML anywhere. */
  text: string
  color: TLDefaultColorStyle
  /** Display name of the author at the time of writing. */
  author: string
  /** Participant id (or facilitator id) of the author; the server checks it on create. */
  authorId: string
  /** Milliseconds since epoch. */
  createdAt: number
}

/** The shape type of a cluster: a named area whose children are the idea cards in it. */
export const CLUSTER_TYPE = 'cluster' as const

export interface ClusterProps {
  w: number
  h: number
  title: string
  color: TLDefaultColorStyle
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [IDEA_CARD_TYPE]: IdeaCardProps
    [CLUSTER_TYPE]: ClusterProps
  }
}

export type ClusterShape = TLBaseShape<typeof CLUSTER_TYPE, ClusterProps>

export type IdeaCardShape = TLBaseShape<typeof IDEA_CARD_TYPE, IdeaCardProps>

const ideaText = T.string.check('text', (value) => {
  if (value.length > Limits.ideaTextMax) {
    throw new Error(`Idea text is longer than ${Limits.ideaTextMax} characters`)
  }
})

export const ideaCardProps: RecordProps<IdeaCardShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  text: ideaText,
  color: DefaultColorStyle,
  author: T.string,
  authorId: T.string,
  createdAt: T.number,
}

/**
 * Named, append-only migrations of the idea card's props. Add a new id with the next number
 * and a matching entry in the sequence; never edit or remove an existing one.
 */
export const ideaCardMigrationIds = createShapePropsMigrationIds(IDEA_CARD_TYPE, {
  AddCreatedAt: 1,
})

export const ideaCardMigrations = createShapePropsMigrationSequence({
  sequence: [
    {
      // Early cards (before any release) had no creation time; keep them sortable.
      id: ideaCardMigrationIds.AddCreatedAt,
      up: (props: Record<string, unknown>) => {
        if (typeof props.createdAt !== 'number') props.createdAt = 0
      },
      down: (props: Record<string, unknown>) => {
        delete props.createdAt
      },
    },
  ],
})

const clusterTitle = T.string.check('title', (value) => {
  if (value.length > Limits.titleMax) throw new Error(`Cluster title is longer than ${Limits.titleMax} characters`)
})

export const clusterProps: RecordProps<ClusterShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  title: clusterTitle,
  color: DefaultColorStyle,
}

/** Named, append-only migrations of the cluster's props (none yet). */
export const clusterMigrationIds = createShapePropsMigrationIds(CLUSTER_TYPE, {})
export const clusterMigrations = createShapePropsMigrationSequence({ sequence: [] })

/** Custom shapes on top of tldraw's defaults; client and server build their schema from this. */
export const customShapeSchemas = {
  [IDEA_CARD_TYPE]: { props: ideaCardProps, migrations: ideaCardMigrations },
  [CLUSTER_TYPE]: { props: clusterProps, migrations: clusterMigrations },
}

let cachedSchema: TLSchema | undefined

/** The board's tldraw schema: default shapes plus ours. Identical on client and server. */
export function getBoardSchema(): TLSchema {
  cachedSchema ??= createTLSchema({
    shapes: { ...defaultShapeSchemas, ...customShapeSchemas },
  })
  return cachedSchema
}
