import type { RoundResultsDto, RoundStateSection } from '@pinnwand/shared/votingApi'
import { useEffect, useState } from 'react'
import { storeResults, useVoting } from './votingStore.ts'
import { votingApi } from './votingHttp.ts'

const inFlight = new Map<string, Promise<RoundResultsDto>>()

/**
 * The results of a round (GET /api/rounds/:id/results), fetched when they may be seen: once
 * revealed for everyone, and from the close on for the facilitator (`facilitator`), who also gets
 * them refreshed as dots come in. Shared between all callers (cards, panel, projector): one
 * request per change, cached by round id.
 */
export function useRoundResults(
  round: Pick<RoundStateSection, 'id' | 'status' | 'totalVotes'> | null,
  token: string,
  facilitator = false,
): { results: RoundResultsDto | null; error: unknown } {
  const results = useVoting((s) => (round ? (s.results[round.id] ?? null) : null))
  const [error, setError] = useState<unknown>(null)
  const visible = !!round && (round.status === 'revealed' || (facilitator && round.status !== 'open'))
  // Refetch on every status change; for the facilitator also as the count grows.
  const fetchKey = visible ? `${round.id}|${round.status}|${facilitator ? round.totalVotes : ''}` : null
  useEffect(() => {
    if (!fetchKey || !round) return
    let cancelled = false
    let request = inFlight.get(fetchKey)
    if (!request) {
      request = votingApi.results(round.id, token)
      inFlight.set(fetchKey, request)
      void request.finally(() => inFlight.delete(fetchKey)).catch(() => undefined)
    }
    request.then(
      (fresh) => {
        storeResults(round.id, fresh)
        if (!cancelled) setError(null)
      },
      (cause: unknown) => {
        if (!cancelled) setError(cause)
      },
    )
    return () => {
      cancelled = true
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key says when to refetch
  }, [fetchKey, token])
  return { results: visible ? results : null, error }
}
