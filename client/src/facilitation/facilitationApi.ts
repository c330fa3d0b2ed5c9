import type {
  BoardDisplayInfo,
  TimerActionBody,
  TimerResponse,
  ViewActionBody,
  ViewResponse,
} from '@pinnwand/shared/facilitationApi'
import { request } from '../api/apiClient.ts'

const id = encodeURIComponent

export function timerAction(boardId: string, action: TimerActionBody, token: string): Promise<TimerResponse> {
  return request('POST', `/api/boards/${id(boardId)}/timer`, token, action)
}

export function viewAction(boardId: string, action: ViewActionBody, token: string): Promise<ViewResponse> {
  return request('POST', `/api/boards/${id(boardId)}/view`, token, action)
}

export function fetchBoardDisplay(boardId: string, token: string): Promise<BoardDisplayInfo> {
  return request('GET', `/api/boards/${id(boardId)}/display`, token)
}
