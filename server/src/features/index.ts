import { assetsFeature } from '../assets/assetsFeature.ts'
import { clustersFeature } from '../clusters/clustersFeature.ts'
import { commentsFeature } from '../comments/commentsFeature.ts'
import { controlFeature } from '../control/controlFeature.ts'
import { exportFeature } from '../export/exportFeature.ts'
import { facilitationFeature } from '../facilitation/facilitationFeature.ts'
import { historyFeature } from '../history/historyFeature.ts'
import { importFeature } from '../import/importFeature.ts'
import { moderationFeature } from '../moderation/moderationFeature.ts'
import { privacyFeature } from '../privacy/privacyFeature.ts'
import { privatePhaseFeature } from '../privatePhase/privatePhaseFeature.ts'
import { shortlistFeature } from '../shortlist/shortlistFeature.ts'
import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { Dialect, Migrations } from '../store/migrations.ts'
import type { Database } from '../store/schema.ts'
import type { ServerFeature } from './ServerFeature.ts'
import { votingFeature } from '../voting/votingFeature.ts'

/**
 * Every feature of the server, in order: the one list createServer iterates (docs/architecture.md,
 * "Features"). Order matters where features meet: room guards review in this order, idea gates
 * run in this order (the private phase refuses before moderation holds), and a feature's `start`
 * may `services.get` only what a feature above it provided.
 */
export const features = [
  commentsFeature,
  historyFeature,
  privatePhaseFeature,
  moderationFeature,
  facilitationFeature,
  votingFeature,
  shortlistFeature,
  clustersFeature,
  assetsFeature,
  importFeature,
  exportFeature,
  controlFeature,
  privacyFeature,
] as const

/** Every feature's room guards, in list order (createServer's rooms, and the room test kit's). */
export const featureRoomGuards = (features as readonly ServerFeature<object, unknown>[]).flatMap(
  (feature) => feature.roomGuards ?? [],
)

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never
type StoresOf<F> = F extends ServerFeature<infer S, infer _> ? S : never

/** What the features add to the store: `store.voting`, `store.versions`, … */
export type FeatureStores = UnionToIntersection<StoresOf<(typeof features)[number]>>

/** Builds every feature's store on the opened database (pass to openStore / openSqliteStore). */
export function featureStores(db: Kysely<Database>, dialect: Dialect): FeatureStores {
  const stores = {}
  for (const feature of features as readonly ServerFeature<object, unknown>[]) {
    if (feature.stores) Object.assign(stores, feature.stores(db, dialect))
  }
  return stores as FeatureStores
}

/** Every feature's migrations (run with the core's, in one order by name). */
export function featureMigrations(dialect: Dialect): Migrations {
  const migrations: Record<string, Migration> = {}
  for (const feature of features as readonly ServerFeature<object, unknown>[]) {
    for (const [name, migration] of Object.entries(feature.migrations?.(dialect) ?? {})) {
      if (name in migrations) throw new Error(`migration ${name} of ${feature.name} is another feature's too`)
      migrations[name] = migration
    }
  }
  return migrations
}
// openStore runs them before it builds the stores.
featureStores.migrations = featureMigrations
