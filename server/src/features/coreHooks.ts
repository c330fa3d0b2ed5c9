import type { IdeaDto } from '@pinnwand/shared'
import type { Actor } from '../auth/Actor.ts'
import type { ApiDescription } from '../http/openapi.ts'
import type { ParticipantNameRewrite } from '../store/participantNames.ts'
import type { BoardRoom } from '../sync/BoardRoom.ts'
import type { BoardDocumentReader, BoardExtrasSource } from './boardExtras.ts'
import { HookKey } from './FeatureServices.ts'

/*
 * The places where the core routes (http/routes/: workshops, boards, ideas) let features in.
 * A feature contributes with `services.contribute(Key, hook)` in its `start`; the core runs
 * every contribution in feature-list order and never names the feature.
 */

/**
 * A card posted through the API (POST /api/boards/:id/ideas), before it goes on the board: a
 * gate may refuse it (throw an ApiError) or take it elsewhere (the moderation inbox: the route
 * answers 202 with the held card). null lets the next gate, then the board, have it.
 */
export type IdeaGate = (input: {
  boardId: string
  actor: Actor
  room: BoardRoom
  text: string
}) => Promise<{ heldCard: { id: string; text: string } } | null>
export const IdeaGates = new HookKey<IdeaGate>('ideaGates')

/** Adds a feature's part to the idea list (GET …/ideas), e.g. revealed votes. */
export type IdeaListPart = (boardId: string, ideas: IdeaDto[]) => Promise<IdeaDto[]>
export const IdeaListParts = new HookKey<IdeaListPart>('ideaListParts')

/** The facilitator changed a board's phase (after it is stored and published). */
export type PhaseListener = (boardId: string, from: string, to: string, actorName: string) => Promise<void>
export const PhaseListeners = new HookKey<PhaseListener>('phaseListeners')

/**
 * A per-board on/off setting of a feature that the workshop overview shows and the table
 * settings (PATCH /api/boards/:id, field `key`) switch, e.g. moderation.
 */
export interface BoardSwitch {
  readonly key: string
  /** Which of these boards have it on. */
  enabledBoards(boardIds: readonly string[]): Promise<Set<string>>
  isEnabled(boardId: string): Promise<boolean>
  /** Switches it; answers the state afterwards. */
  setEnabled(boardId: string, enabled: boolean): Promise<boolean>
}
export const BoardSwitches = new HookKey<BoardSwitch>('boardSwitches')

/** Each feature's part of the API description (createServer contributes every feature's `openapi`). */
export const ApiDescriptions = new HookKey<ApiDescription>('apiDescriptions')

/** Every feature's `renameParticipant` (createServer contributes them; "remove my name" runs them). */
export const ParticipantNameRewrites = new HookKey<ParticipantNameRewrite>('participantNameRewrites')

/** Every feature's `boardExtras`, bound to its context and service (createServer; the export reads them). */
export const BoardExtrasSources = new HookKey<BoardExtrasSource>('boardExtrasSources')

/** Every feature's `boardDocument` reader (createServer; the export runs them beside the records). */
export const BoardDocumentReaders = new HookKey<BoardDocumentReader>('boardDocumentReaders')
