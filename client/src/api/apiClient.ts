import type {
  AccessibilityStatementResponse,
  ClientConfig,
  CreateWorkshopBody,
  CreateWorkshopResponse,
  JoinInfoResponse,
  JoinWorkshopResponse,
  ParticipantsResponse,
  TakeSeatResponse,
} from '@pinnwand/shared/api'
import type { BoardPhase } from '@pinnwand/shared/boardState'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import type { RemoveNameResponse, RetentionResponse } from '@pinnwand/shared/privacyApi'
import * as privacyRoutes from '@pinnwand/shared/privacyRoutes'
import * as systemRoutes from '@pinnwand/shared/systemRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import { ApiError, callApi } from '@pinnwand/shared/contract/callApi'
import { tokenKey, withOfflineFallback } from '../sync/offlineFallback.ts'

export const Roles = ['facilitator', 'participant', 'projector'] as const
export type Role = (typeof Roles)[number]

/** GET /api/me: who the token belongs to. */
export interface Me {
  role: Role
  userId: string
  name: string
  workshopId: string
  boardIds: string[]
  /** The workshop shows ideas without author names. */
  hideAuthors?: boolean
}

/**
 * GET /api/workshops/:id. Fields past `participants` arrived with later server versions; an
 * older server leaves them out and the dashboard shows a dash.
 */
export interface WorkshopOverview {
  workshop: {
    id: string
    title: string
    language: 'de' | 'en'
    date: string | null
    joinCode: string
    hideAuthors?: boolean
  }
  boards: BoardOverview[]
}

export interface BoardOverview {
  id: string
  title: string
  question: string
  template: string
  participants: number
  ideas?: number
  lastActivity?: number | null
  phase?: BoardPhase
  locked?: boolean
  /** Participant limit of the table (null: none). */
  maxParticipants?: number | null
  /** Participants whose current table this is. */
  seated?: number
  /** Who facilitates the table (printed in its report). */
  facilitator?: string | null
  /** 'plenary' for the workshop's plenary; absent (older servers): a table. */
  kind?: 'table' | 'plenary'
  /** The join page offers the board to participants. */
  openToParticipants?: boolean
  /** Participants' new cards wait in the moderation inbox (absent: older servers). */
  moderation?: boolean
}

export type { ParticipantEntry } from '@pinnwand/shared/api'

// One error class for every call (callApi throws it).
export { ApiError }

// Both are needed before a board opens; offline, the last answers let it open from the caches.
export function fetchConfig(): Promise<ClientConfig> {
  return withOfflineFallback('config', () => callApi(systemRoutes.getConfig, {}))
}

export function fetchMe(token: string): Promise<Me> {
  return withOfflineFallback(`me:${tokenKey(token)}`, () => callApi(systemRoutes.getMe, { token }))
}

export function createWorkshop(body: CreateWorkshopBody): Promise<CreateWorkshopResponse> {
  return callApi(workshopRoutes.createWorkshop, { body })
}

export function fetchWorkshop(workshopId: string, token: string): Promise<WorkshopOverview> {
  return callApi(workshopRoutes.workshopOverview, { params: { workshopId }, token })
}

export function lookupJoinCode(code: string): Promise<JoinInfoResponse> {
  return callApi(boardRoutes.lookupJoinCode, { params: { joinCode: code } })
}

export function joinWorkshop(workshopId: string, name: string, joinCode: string): Promise<JoinWorkshopResponse> {
  return callApi(workshopRoutes.joinWorkshop, { params: { workshopId }, body: { name, joinCode } })
}

export function setBoardLock(boardId: string, locked: boolean, token: string): Promise<{ locked: boolean }> {
  return callApi(boardRoutes.setBoardLock, { params: { boardId }, body: { locked }, token })
}

export function setBoardPhase(boardId: string, phase: BoardPhase, token: string): Promise<{ phase: BoardPhase }> {
  return callApi(boardRoutes.setBoardPhase, { params: { boardId }, body: { phase }, token })
}

export function createProjectorToken(boardId: string, token: string): Promise<{ projectorToken: string }> {
  return callApi(boardRoutes.createProjectorToken, { params: { boardId }, token })
}

export function fetchParticipants(workshopId: string, token: string): Promise<ParticipantsResponse> {
  return callApi(boardRoutes.listParticipants, { params: { workshopId }, token })
}

export function revokeParticipant(workshopId: string, participantId: string, token: string): Promise<void> {
  return callApi(boardRoutes.revokeParticipant, { params: { workshopId, participantId }, token })
}

export function setRecoveryPassphrase(workshopId: string, passphrase: string, token: string): Promise<void> {
  return callApi(workshopRoutes.setPassphrase, { params: { workshopId }, body: { passphrase }, token })
}

/** Deletes the workshop with everything in it (facilitator). */
export function deleteWorkshop(workshopId: string, token: string): Promise<void> {
  return callApi(workshopRoutes.deleteWorkshop, { params: { workshopId }, token })
}

export function setTableLimit(
  boardId: string,
  maxParticipants: number | null,
  token: string,
): Promise<{ maxParticipants: number | null }> {
  return callApi(boardRoutes.updateTable, { params: { boardId }, body: { maxParticipants }, token })
}

/**
 * Gives a table another number ("Tisch 3"); the table that held it takes this table's old one.
 * 422 `table_number_out_of_range` above the number of tables.
 */
export function setTableNumber(boardId: string, number: number, token: string): Promise<{ number: number | null }> {
  return callApi(boardRoutes.updateTable, { params: { boardId }, body: { number }, token })
}

/** Makes this table the participant's table; 409 `table_full` when its limit is reached. */
export function takeSeat(boardId: string, token: string): Promise<TakeSeatResponse> {
  return callApi(workshopRoutes.takeSeat, { params: { boardId }, token })
}

/** Titles and questions of the tables a token may open (any role). */
export function fetchTables(
  workshopId: string,
  token: string,
): Promise<{ boards: { id: string; title: string; question: string; kind?: 'table' | 'plenary' }[] }> {
  return callApi(workshopRoutes.listTables, { params: { workshopId }, token })
}

export function recoverAccess(workshopId: string, passphrase: string): Promise<{ facilitatorToken: string }> {
  return callApi(workshopRoutes.recoverAccess, { params: { workshopId }, body: { passphrase } })
}

/** PATCH /api/boards/:id: who facilitates the table, for its report. */
export function setTableFacilitator(
  boardId: string,
  facilitator: string | null,
  token: string,
): Promise<{ facilitator: string | null }> {
  return callApi(boardRoutes.updateTable, { params: { boardId }, body: { facilitator }, token })
}

/** PATCH /api/boards/:id: offer the board (the plenary) to participants on the join page, or stop. */
export function setOpenToParticipants(
  boardId: string,
  openToParticipants: boolean,
  token: string,
): Promise<{ openToParticipants: boolean }> {
  return callApi(boardRoutes.updateTable, { params: { boardId }, body: { openToParticipants }, token })
}

/** PATCH /api/workshops/:id: show or hide author names on idea cards (board, list, exports). */
export function setHideAuthors(
  workshopId: string,
  hideAuthors: boolean,
  token: string,
): Promise<{ hideAuthors: boolean }> {
  return callApi(workshopRoutes.updateWorkshop, { params: { workshopId }, body: { hideAuthors }, token })
}

/** How long a workshop is kept: `days` after its date; the server deletes it on `deleteOn`. */
export type Retention = RetentionResponse

export function fetchRetention(workshopId: string, token: string): Promise<Retention> {
  return callApi(privacyRoutes.getRetention, { params: { workshopId }, token })
}

/** `days: null` goes back to the server's default. */
export function setRetention(workshopId: string, days: number | null, token: string): Promise<Retention> {
  return callApi(privacyRoutes.setRetention, { params: { workshopId }, body: { days }, token })
}

/** The person's name becomes "Teilnehmende/r" on every board, in history and in exports. */
export function removeParticipantName(
  workshopId: string,
  participantId: string,
  token: string,
): Promise<RemoveNameResponse> {
  return callApi(privacyRoutes.removeParticipantName, { params: { workshopId, participantId }, token })
}

export function fetchAccessibilityStatement(): Promise<AccessibilityStatementResponse> {
  return callApi(systemRoutes.getAccessibilityStatement, {})
}
