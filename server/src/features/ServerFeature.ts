import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../http/context.ts'
import type { ApiDescription } from '../http/openapi.ts'
import type { Kysely } from 'kysely'
import type { Dialect, Migrations } from '../store/migrations.ts'
import type { Database } from '../store/schema.ts'
import type { ParticipantNameRewrite } from '../store/participantNames.ts'
import type { Store } from '../store/Store.ts'
import type { RoomGuardFactory } from '../sync/roomGuards.ts'
import type { RoomLifecycle, RoomPorts } from '../sync/roomPorts.ts'
import type { BoardDocumentReader, BoardExtras, ExportedBoard } from './boardExtras.ts'

/*
 * The feature seam, in the spirit of Hocuspocus extensions: a feature folder exports ONE
 * `ServerFeature` that carries everything it adds to the server, and `features/index.ts` lists
 * them. The sync core, the HTTP adapter and the store opener name no feature; they iterate the
 * list (docs/architecture.md, "Features").
 */

/**
 * What a feature may use when it starts and in its routes: the core (http/context.ts, with the
 * services of the features before it) plus room events and loads, for watchers.
 */
export type FeatureContext = AppContext & { readonly rooms: RoomPorts & RoomLifecycle }

/**
 * One feature. Every part is optional; `Service` is what `start` returns and `routes` and
 * `stop` get back (typed, no god object). `Stores` is what its store factory adds to the store.
 */
export interface ServerFeature<Stores extends object = object, Service = void> {
  /** For logs and error messages ("voting", "history", …). */
  readonly name: string
  /**
   * Its tables behind its own store port, built on the opened database (same connection pool).
   * The result is merged into the store object (`store.voting`, `store.versions`, …).
   */
  readonly stores?: (db: Kysely<Database>, dialect: Dialect) => Stores
  /**
   * The migrations of its tables, in its folder, by name. All run in one order by name, the
   * core's and every feature's (store/migrations.ts), so a new one takes the next free number.
   */
  readonly migrations?: (dialect: Dialect) => Migrations
  /**
   * Where its tables keep a participant's name, rewritten for "remove my name" in the core
   * store's transaction (the privacy feature gets them all through `ParticipantNameRewrites`).
   */
  readonly renameParticipant?: ParticipantNameRewrite
  /** Reviews of client writes in every room (sync/roomGuards.ts), in list order. */
  readonly roomGuards?: readonly RoomGuardFactory[]
  /**
   * Starts the feature once the rooms exist and before the server listens: its services,
   * board-state providers, room watchers (`rooms.onRoomLoaded`), signals, and what it provides
   * to others (`services.provide`) or to the core's hooks (`services.contribute`).
   */
  start?(ctx: FeatureContext & { readonly store: Store & Stores }): Service | Promise<Service>
  /** Its HTTP routes (a promise: loaded lazily, e.g. the export's renderers). */
  routes?(
    app: FastifyInstance,
    ctx: AppContext & { readonly store: Store & Stores },
    service: Service,
  ): void | Promise<void>
  /**
   * Its part of a board's report (features/boardExtras.ts: rounds, rejected cards, …), read at
   * each export; createServer hands it to the export through the `BoardExtrasSources` hook.
   */
  boardExtras?(
    board: ExportedBoard,
    ctx: AppContext & { readonly store: Store & Stores },
    service: Service,
  ): Promise<BoardExtras>
  /** Its part of an export read from the board document (features/boardExtras.ts), e.g. comments. */
  readonly boardDocument?: BoardDocumentReader
  /**
   * Its part of the API description (/api/openapi.json), beside the core's (http/openapi.ts):
   * its declared routes (shared/src/contract/route.ts).
   */
  readonly openapi?: ApiDescription
  /** At shutdown, before the rooms close (timers, schedulers). */
  stop?(service: Service): void | Promise<void>
}

/** Declares a feature with its types inferred (`defineFeature({ name, stores, start, routes })`). */
export function defineFeature<Stores extends object = object, Service = void>(
  feature: ServerFeature<Stores, Service>,
): ServerFeature<Stores, Service> {
  return feature
}
