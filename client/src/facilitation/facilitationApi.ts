import type {
  BoardDisplayInfo,
  ProjectorActionBody,
  ProjectorResponse,
  TimerActionBody,
  TimerResponse,
  ViewActionBody,
  ViewResponse,
} from '@pinnwand/shared/facilitationApi'
import * as routes from '@pinnwand/shared/facilitationRoutes'
import { ApiError, callApi } from '@pinnwand/shared/contract/callApi'
import { newRequestId } from '../api/requestId.ts'

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
      return await callApi(routes.boardTimer, { params: { boardId }, body, token })
    } catch (error) {
      const transient = !(error instanceof ApiError) || error.status >= 500
      if (!transient || attempt >= TIMER_TRIES) throw error
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt))
    }
  }
}

export function viewAction(boardId: string, action: ViewActionBody, token: string): Promise<ViewResponse> {
  return callApi(routes.boardView, { params: { boardId }, body: action, token })
}

export function fetchBoardDisplay(boardId: string, token: string): Promise<BoardDisplayInfo> {
  return callApi(routes.boardDisplay, { params: { boardId }, token })
}

/** What the big screen shows (facilitator): board, countdown, results (step by step) or join. */
export function projectorAction(
  boardId: string,
  action: ProjectorActionBody,
  token: string,
): Promise<ProjectorResponse> {
  return callApi(routes.projectorMode, { params: { boardId }, body: action, token })
}
