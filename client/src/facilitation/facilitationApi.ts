import type {
  BoardDisplayInfo,
  ProjectorActionBody,
  ProjectorResponse,
  TimerActionBody,
  TimerResponse,
  ViewActionBody,
  ViewResponse,
} from '@pinnwand/shared/facilitationApi'
import { ApiError, request } from '../api/apiClient.ts'
import { newRequestId } from '../api/requestId.ts'

const id = encodeURIComponent

/** Tries of one timer action when the network or the server (5xx) fails: the first and two retries. */
const TIMER_TRIES = 3

/**
 * One timer click. A failed request is retried with the same `requestId`, which the server
 * applies once: a "+1 minute" whose answer got lost on the venue Wi-Fi does not add two.
 */
export async function timerAction(boardId: string, action: TimerActionBody, token: string): Promise<TimerResponse> {
  const body = { ...action, requestId: action.requestId ?? newRequestId() }
  for (let attempt = 1; ; attempt++) {
    try {
      return await request<TimerResponse>('POST', `/api/boards/${id(boardId)}/timer`, token, body)
    } catch (error) {
      const transient = !(error instanceof ApiError) || error.status >= 500
      if (!transient || attempt >= TIMER_TRIES) throw error
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt))
    }
  }
}

export function viewAction(boardId: string, action: ViewActionBody, token: string): Promise<ViewResponse> {
  return request('POST', `/api/boards/${id(boardId)}/view`, token, action)
}

export function fetchBoardDisplay(boardId: string, token: string): Promise<BoardDisplayInfo> {
  return request('GET', `/api/boards/${id(boardId)}/display`, token)
}

/** What the big screen shows (facilitator): board, countdown, results (step by step) or join. */
export function projectorAction(
  boardId: string,
  action: ProjectorActionBody,
  token: string,
): Promise<ProjectorResponse> {
  return request('POST', `/api/boards/${id(boardId)}/projector`, token, action)
}
