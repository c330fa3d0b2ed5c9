import type { RoundResultsDto } from '@pinnwand/shared/votingApi'
import { request } from '../api/apiClient.ts'

/** GET /api/rounds/:roundId/results — allowed for the projector once the round is revealed. */
export function fetchRoundResults(roundId: string, token: string): Promise<RoundResultsDto> {
  return request('GET', `/api/rounds/${encodeURIComponent(roundId)}/results`, token)
}
