import { monotonicMs } from '../lib/stats.ts'

/** One dot to place: at `atMs` after the common start, through the public API. */
export interface PlannedVote {
  token: string
  ideaId: string
  requestId: string
  atMs: number
  /** The instance this voter talks to, when not the plan's `baseUrl` (scale-out). */
  baseUrl?: string
}

export interface VotePlan {
  baseUrl: string
  roundId: string
  /** monotonicMs() at which every worker starts its schedule. */
  startAt: number
  votes: PlannedVote[]
}

export interface VoteOutcome {
  requestId: string
  ideaId: string
  status: number
  /** Error code of a refusal (`budget_exhausted`, …), or null. */
  code: string | null
  /** Latency of the last attempt. */
  ms: number
  /** When the last attempt was answered (monotonicMs, comparable across processes). */
  answeredAt: number
  /** Sends of this request (more than one after network errors or "busy"). */
  attempts: number
  /** Status (and code) of each earlier attempt that was sent again, e.g. `503 database_busy`. */
  earlier: string[]
}

const REQUEST_TIMEOUT_MS = 30_000
const MAX_ATTEMPTS = 4

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Places the planned dots on schedule, each as `POST /api/rounds/:id/votes`, without
 * waiting for earlier answers (open loop: a slow server does not slow the voters down).
 */
export async function runVotes(plan: VotePlan): Promise<VoteOutcome[]> {
  const send = async (v: PlannedVote, baseUrl: string): Promise<Omit<VoteOutcome, 'attempts' | 'earlier'>> => {
    const started = monotonicMs()
    try {
      const res = await fetch(`${baseUrl}/api/rounds/${plan.roundId}/votes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` },
        body: JSON.stringify({ ideaId: v.ideaId, delta: 1, requestId: v.requestId }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
      const body = (await res.json()) as { error?: { code?: string } }
      return {
        requestId: v.requestId,
        ideaId: v.ideaId,
        status: res.status,
        code: body.error?.code ?? null,
        ms: monotonicMs() - started,
        answeredAt: monotonicMs(),
      }
    } catch (error) {
      return {
        requestId: v.requestId,
        ideaId: v.ideaId,
        status: 0,
        code: (error as Error).name,
        ms: monotonicMs() - started,
        answeredAt: monotonicMs(),
      }
    }
  }
  const vote = async (v: PlannedVote): Promise<VoteOutcome> => {
    await sleep(Math.max(0, plan.startAt + v.atMs - monotonicMs()))
    // No answer (network error, timeout) or "busy, try again" (429, 503): the web app sends the
    // same requestId again (client/src/voting/votingHttp.ts), which the server answers without
    // counting twice; so does the bench.
    const earlier: string[] = []
    for (let attempt = 1; ; attempt++) {
      const outcome = await send(v, v.baseUrl ?? plan.baseUrl)
      const retry = outcome.status === 0 || outcome.status === 429 || outcome.status === 503
      if (!retry || attempt === MAX_ATTEMPTS) return { ...outcome, attempts: attempt, earlier }
      earlier.push(outcome.code ? `${outcome.status} ${outcome.code}` : String(outcome.status))
      await sleep(500 * attempt)
    }
  }
  return Promise.all(plan.votes.map(vote))
}
