import type { RoundResultsDto } from '@pinnwand/shared/votingApi'
import { useEffect, useState } from 'react'
import { fetchRoundResults } from './projectorApi.ts'

const RESULTS_RETRY_MS = 3000

/**
 * The results of a revealed round for the big screen (null while loading or when no round is
 * revealed). Fetched here rather than with the voting panel's hook because the big screen must
 * retry by itself after a network blip.
 */
export function useProjectorResults(roundId: string | null, token: string): RoundResultsDto | null {
  const [results, setResults] = useState<{ roundId: string; results: RoundResultsDto } | null>(null)
  useEffect(() => {
    if (!roundId) return
    let cancelled = false
    let retry: ReturnType<typeof setTimeout> | null = null
    const load = () => {
      fetchRoundResults(roundId, token).then(
        (loaded) => {
          if (!cancelled) setResults({ roundId, results: loaded })
        },
        () => {
          if (!cancelled) retry = setTimeout(load, RESULTS_RETRY_MS)
        },
      )
    }
    load()
    return () => {
      cancelled = true
      if (retry) clearTimeout(retry)
    }
  }, [roundId, token])
  return results && results.roundId === roundId ? results.results : null
}
