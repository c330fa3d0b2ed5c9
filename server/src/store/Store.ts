import { boardKindOf } from '@pinnwand/shared'
import type { RenumberResult } from '../domain/tableNumber.ts'
import type { ParticipantNameRewrite } from './participantNames.ts'

/**
 * Persistence ports. The domain (rooms, workshops) talks only to these interfaces; SQLite and
 * PostgreSQL are adapters behind them (kyselyStore.ts). Every method is one transaction.
 */

export type Role = 'facilitator' | 'participant' | 'projector'

export interface WorkshopRow {
  id: string
  title: string
  language: 'de' | 'en'
  date: string | null
  joinCode: string
  createdAt: number
  /** Idea cards show no author names (board, idea list, exports). */
  hideAuthors?: boolean
  /** Days after its date (or creation) the workshop is deleted; null/absent: the server's default. */
  retentionDays?: number | null
}

/** What a workshop's deletion date depends on (domain/retention.ts). */
export interface RetentionCandidate {
  id: string
  date: string | null
  createdAt: number
  retentionDays: number | null
}

export interface BoardRow {
  id: string
  workshopId: string
  title: string
  question: string
  template: string
  position: number
  createdAt: number
  /** Participants may look but not change anything. */
  locked: boolean
  phase: BoardPhase
  ideaCount: number
  lastActivityAt: number | null
  /** Participant limit of this table; null or absent: no limit. */
  maxParticipants?: number | null
  /** Who facilitates this table (printed in its report); null or absent: not given. */
  facilitatorName?: string | null
  /** A table, or the workshop's plenary; absent (older callers): a table. */
  kind?: BoardKind
  /** The join page offers it to participants; absent: tables yes, a plenary no. */
  openToParticipants?: boolean
}

export const BoardKinds = ['table', 'plenary'] as const
export type BoardKind = (typeof BoardKinds)[number]

/** Whether participants are offered (and may take a seat at) this board. */
export const isOpenToParticipants = (board: Pick<BoardRow, 'kind' | 'template' | 'openToParticipants'>): boolean =>
  board.openToParticipants ?? boardKindOf(board) === 'table'

/** Answer to a participant taking a seat at a table (their current table). */
export interface SeatResult {
  ok: boolean
  /** Participants seated there now (after the change, when ok). */
  seated: number
  maxParticipants: number | null
}

/** What is kept of a deleted workshop: enough to say "deleted", nothing of its content. */
export interface DeletedWorkshop {
  id: string
  deletedAt: number
}

export const BoardPhases = ['collect', 'cluster', 'vote', 'results'] as const
export type BoardPhase = (typeof BoardPhases)[number]

export interface ParticipantRow {
  id: string
  workshopId: string
  name: string
  createdAt: number
  revokedAt: number | null
}

/** A bearer token's grant, looked up by the token's hash. */
export interface TokenGrant {
  role: Role
  workshopId: string
  /** Set for tokens limited to one board (projector tokens of a board). */
  boardId: string | null
  /** Participant id for participants; a facilitator or projector id otherwise. */
  subjectId: string
  revokedAt: number | null
}

export interface TokenHolder {
  grant: TokenGrant
  /** The participant the token was given to; null for other roles or when unknown. */
  participant: Pick<ParticipantRow, 'name' | 'revokedAt'> | null
}

export interface NewWorkshop {
  workshop: WorkshopRow
  boards: BoardRow[]
  /** Token hashes with their grants, created together with the workshop. */
  tokens: { tokenHash: string; grant: TokenGrant }[]
  /** Initial content of each board's document, written as its first snapshot. */
  initialDocuments: { boardId: string; snapshot: Uint8Array }[]
}

export interface StoredBoardDocument {
  snapshot: Uint8Array | null
  /** Updates appended after the snapshot, oldest first. */
  updates: { seq: number; data: Uint8Array }[]
}

export interface WorkshopStore {
  createWorkshop(input: NewWorkshop): Promise<void>
  getWorkshop(id: string): Promise<WorkshopRow | null>
  findWorkshopByJoinCode(joinCode: string): Promise<WorkshopRow | null>
  listBoards(workshopId: string): Promise<BoardRow[]>
  /** Adds a board to an existing workshop with its first document snapshot. */
  addBoard(board: BoardRow, snapshot: Uint8Array): Promise<void>
  getBoard(id: string): Promise<BoardRow | null>
  addParticipant(participant: ParticipantRow, tokenHash: string): Promise<void>
  getParticipant(id: string): Promise<ParticipantRow | null>
  listParticipants(workshopId: string): Promise<ParticipantRow[]>
  /** Marks the participant and all their tokens revoked. False when unknown. */
  revokeParticipant(workshopId: string, participantId: string, now: number): Promise<boolean>
  updateBoardState(
    boardId: string,
    state: Partial<Pick<BoardRow, 'locked' | 'phase' | 'ideaCount' | 'lastActivityAt'>>,
  ): Promise<void>
  setRecoveryHash(workshopId: string, hash: string): Promise<void>
  getRecoveryHash(workshopId: string): Promise<string | null>
  /** Sets or clears (null) a table's participant limit; seated participants stay. */
  setTableLimit(boardId: string, maxParticipants: number | null): Promise<void>
  setTableFacilitator(boardId: string, facilitatorName: string | null): Promise<void>
  /**
   * Gives a table another number (domain/tableNumber.ts: a swap with the table that held it), in
   * one transaction with reading the order, so two edits at once cannot leave two tables on one
   * place.
   */
  renumberTable(workshopId: string, boardId: string, number: number): Promise<RenumberResult>
  /** Opens (or closes) a board to participants: the join page offers it, seats may be taken. */
  setOpenToParticipants(boardId: string, open: boolean): Promise<void>
  setHideAuthors(workshopId: string, hideAuthors: boolean): Promise<void>
  /** Sets (or resets to the server's default, null) how long the workshop is kept. */
  setRetentionDays(workshopId: string, days: number | null): Promise<void>
  listRetentionCandidates(): Promise<RetentionCandidate[]>
  /** After deletions: make the database files drop what was deleted (SQLite: empty the WAL). */
  reclaimDeletedData(): Promise<void>
  /**
   * The participant's name becomes `replacement` in the participant row and, in the same
   * transaction, wherever the features' `rewrites` keep it (ballots, held-back cards). False
   * (and nothing rewritten) when the participant is not one of the workshop's.
   */
  replaceParticipantName(
    workshopId: string,
    participantId: string,
    replacement: string,
    rewrites: readonly ParticipantNameRewrite[],
  ): Promise<boolean>
  /**
   * Makes this board the participant's current table unless its limit is reached (one
   * transaction, serialized per board). Already seated there: always ok. Moving frees the old seat.
   */
  takeSeat(boardId: string, participantId: string, now: number): Promise<SeatResult>
  /** Seated (non-revoked) participants per board of the workshop; boards without any are absent. */
  countSeats(workshopId: string): Promise<Record<string, number>>
  /** The participants (not revoked) whose current table is this board, oldest seat first. */
  listSeated(boardId: string): Promise<{ id: string; name: string }[]>
  /** "Ich bin fertig": marks (or unmarks) a participant done with `context` on a board. */
  setDone(
    boardId: string,
    context: string,
    participant: { id: string; name: string },
    done: boolean,
    now: number,
  ): Promise<void>
  /** Participants done with `context` on a board (ids and names). */
  listDone(boardId: string, context: string): Promise<{ id: string; name: string }[]>
  /** Forgets every "done" of a board (its phase changed: a new task begins). */
  clearDone(boardId: string): Promise<void>
  /**
   * Deletes the workshop and everything of it: boards, update logs, snapshots, participants,
   * tokens, seats, rounds, votes, and rows of any table with a `board_id` or `workshop_id`
   * column. Keeps a tombstone (id, join code, token hashes, time). False when unknown.
   */
  deleteWorkshop(workshopId: string, now: number): Promise<boolean>
  findDeletedWorkshop(
    by: { joinCode: string } | { tokenHash: string } | { workshopId: string },
  ): Promise<DeletedWorkshop | null>
  addToken(tokenHash: string, grant: TokenGrant): Promise<void>
  /**
   * The grant and, for a participant's token, the participant, in one read: every
   * authenticated request starts here (`auth/authenticate.ts`).
   */
  findTokenHolder(tokenHash: string): Promise<TokenHolder | null>
}

/** "Client id X of this board is written by owner Y" (sync/ClientIdBindings.ts). */
export interface ClientIdClaim {
  clientId: number
  ownerId: string
}

export interface BoardDocumentStore {
  loadBoardDocument(boardId: string): Promise<StoredBoardDocument>
  /**
   * Binds each unbound client id to its claimed owner, atomically (the first claim wins, also
   * across instances), and returns the owner of every claimed id afterwards.
   */
  claimClientIds(boardId: string, claims: readonly ClientIdClaim[]): Promise<Map<number, string>>
  /** Appends one (merged) update to the board's log; resolves once it is durable. */
  appendUpdate(boardId: string, data: Uint8Array): Promise<number>
  /**
   * Replaces the board's snapshot and drops log entries up to `upToSeq` (inclusive), atomically.
   */
  compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void>
  /**
   * Compaction from the store's own content, for boards that several instances append to:
   * reads the snapshot and the log, lets `fold` make the new snapshot, and replaces the snapshot
   * and the entries it read, while no append to this board is in flight (an entry committed
   * after a later one must not fall below the new snapshot unread). Nothing to do on an empty log.
   */
  compactStored(boardId: string, fold: (stored: StoredBoardDocument) => Uint8Array): Promise<void>
}

export interface Store extends WorkshopStore, BoardDocumentStore {
  readonly kind: 'sqlite' | 'postgres'
  /** Cheap round trip for /healthz. */
  ping(): Promise<boolean>
  close(): Promise<void>
}
