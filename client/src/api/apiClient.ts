import type { ClientConfig } from '@pinnwand/shared/api'
import type { ApiErrorBody } from '@pinnwand/shared/errorCodes'

export const Roles = ['facilitator', 'participant', 'projector'] as const
export type Role = (typeof Roles)[number]

/** GET /api/me: who the token belongs to. */
export interface Me {
  role: Role
  userId: string
  name: string
  workshopId: string
  boardIds: string[]
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

async function getJson<T>(path: string, token?: string): Promise<T> {
  const response = await fetch(path, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiErrorBody | null
    throw new ApiError(response.status, body?.error.code ?? 'http_error', body?.error.message ?? response.statusText)
  }
  return (await response.json()) as T
}

export function fetchConfig(): Promise<ClientConfig> {
  return getJson<ClientConfig>('/api/config')
}

export function fetchMe(token: string): Promise<Me> {
  return getJson<Me>('/api/me', token)
}
