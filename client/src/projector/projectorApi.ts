import { callApi } from '@pinnwand/shared/contract/callApi'
import type { RoundResultsDto } from '@pinnwand/shared/votingApi'
import { roundResults } from '@pinnwand/shared/votingRoutes'

/** GET /api/rounds/:roundId/results — allowed for the projector once the round is revealed. */
export function fetchRoundResults(roundId: string, token: string): Promise<RoundResultsDto> {
  return callApi(roundResults, { params: { roundId }, token })
}
