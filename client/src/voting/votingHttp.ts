import type {
  CastVoteResponse,
  CreateRoundBody,
  CreateRoundResponse,
  MyRoundVotesResponse,
  RoundListResponse,
  RoundProxiesResponse,
  RoundResponse,
  RoundResultsDto,
  ShortlistResponse,
} from '@pinnwand/shared/votingApi'
import type { ApiErrorBody } from '@pinnwand/shared/errorCodes'
import { ApiError } from '../api/apiClient.ts'

/** An API refusal that says when to try again (429 rate limit, 503 database busy). */
export class RetryableError extends ApiError {
  readonly retryAfterMs: number
  constructor(status: number, code: string, message: string, retryAfterMs: number) {
    super(status, code, message)
    this.retryAfterMs = retryAfterMs
  }
}

/** Whether sending the same request again may succeed: network gone, server busy or restarting. */
export function isRetryable(error: unknown): boolean {
  return error instanceof RetryableError || !(error instanceof ApiError)
}

async function call<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  if (!response.ok) {
    const error = (await response.json().catch(() => null)) as ApiErrorBody | null
    const code = error?.error?.code ?? 'http_error'
    const message = error?.error?.message ?? response.statusText
    if (response.status === 429 || response.status === 503 || response.status === 502 || response.status === 504) {
      const seconds = Number(response.headers.get('retry-after'))
      throw new RetryableError(
        response.status,
        code,
        message,
        Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000,
      )
    }
    throw new ApiError(response.status, code, message)
  }
  return (await response.json()) as T
}

const id = encodeURIComponent

export const votingApi = {
  openRound: (boardId: string, body: CreateRoundBody & { clusterIds?: string[] }, token: string) =>
    call<CreateRoundResponse>('POST', `/api/boards/${id(boardId)}/rounds`, token, body),
  listRounds: (boardId: string, token: string) =>
    call<RoundListResponse>('GET', `/api/boards/${id(boardId)}/rounds`, token),
  castVote: (
    roundId: string,
    body: { ideaId: string; delta: 1 | -1; requestId: string; onBehalfOf?: string },
    token: string,
  ) => call<CastVoteResponse>('POST', `/api/rounds/${id(roundId)}/votes`, token, body),
  myVotes: (roundId: string, token: string, onBehalfOf?: string) =>
    call<MyRoundVotesResponse>(
      'GET',
      `/api/rounds/${id(roundId)}/me${onBehalfOf ? `?onBehalfOf=${id(onBehalfOf)}` : ''}`,
      token,
    ),
  results: (roundId: string, token: string) =>
    call<RoundResultsDto>('GET', `/api/rounds/${id(roundId)}/results`, token),
  close: (roundId: string, token: string) => call<RoundResponse>('POST', `/api/rounds/${id(roundId)}/close`, token, {}),
  reveal: (roundId: string, token: string) =>
    call<RoundResponse>('POST', `/api/rounds/${id(roundId)}/reveal`, token, {}),
  pause: (roundId: string, token: string) => call<RoundResponse>('POST', `/api/rounds/${id(roundId)}/pause`, token, {}),
  resume: (roundId: string, token: string) =>
    call<RoundResponse>('POST', `/api/rounds/${id(roundId)}/resume`, token, {}),
  extend: (roundId: string, seconds: number, token: string) =>
    call<RoundResponse>('POST', `/api/rounds/${id(roundId)}/extend`, token, { seconds }),
  proxies: (roundId: string, token: string) =>
    call<RoundProxiesResponse>('GET', `/api/rounds/${id(roundId)}/proxies`, token),
  shortlist: (boardId: string, token: string) =>
    call<ShortlistResponse>('GET', `/api/boards/${id(boardId)}/shortlist`, token),
  setShortlist: (boardId: string, ideaIds: string[], token: string) =>
    call<ShortlistResponse>('PUT', `/api/boards/${id(boardId)}/shortlist`, token, { ideaIds }),
  promote: (boardId: string, roundId: string, top: number, token: string) =>
    call<ShortlistResponse>('POST', `/api/boards/${id(boardId)}/shortlist/promote`, token, { roundId, top }),
}
