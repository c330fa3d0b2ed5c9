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
  /**
   * 'parallel' (default): every dot is sent at its moment, whatever else is under way.
   * 'queue': as the web app's vote queue (client/src/voting/voteQueue.ts) — one device sends
   * its taps one after the other, each after the previous one's answer, and sends a tap again
   * (same requestId) on no answer or "busy" until it is answered, backing off like the app.
   */
  mode?: 'parallel' | 'queue'
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
/** Queue mode: a tap still unanswered this long after the burst began counts as unanswered. */
const QUEUE_GIVE_UP_MS = 180_000

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Places the planned dots on schedule, each as `POST /api/rounds/:id/votes`, without
 * waiting for earlier answers (open loop: a slow server does not slow the voters down).
 */
export async function runVotes(plan: VotePlan): Promise<VoteOutcome[]> {
  const send = async (
    v: PlannedVote,
    baseUrl: string,
  ): Promise<Omit<VoteOutcome, 'attempts' | 'earlier'> & { retryAfterMs?: number }> => {
    const started = monotonicMs()
    try {
      const res = await fetch(`${baseUrl}/api/rounds/${plan.roundId}/votes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` },
        body: JSON.stringify({ ideaId: v.ideaId, delta: 1, requestId: v.requestId }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
      // A 408 from Node's HTTP server has no JSON body.
      const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } }
      const retryAfter = Number(res.headers.get('retry-after'))
      return {
        requestId: v.requestId,
        ideaId: v.ideaId,
        status: res.status,
        code: body.error?.code ?? null,
        ms: monotonicMs() - started,
        answeredAt: monotonicMs(),
        ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
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
      const { retryAfterMs: _ignored, ...outcome } = await send(v, v.baseUrl ?? plan.baseUrl)
      const retry = outcome.status === 0 || outcome.status === 429 || outcome.status === 503
      if (!retry || attempt === MAX_ATTEMPTS) return { ...outcome, attempts: attempt, earlier }
      earlier.push(outcome.code ? `${outcome.status} ${outcome.code}` : String(outcome.status))
      await sleep(500 * attempt)
    }
  }
  if (plan.mode !== 'queue') return Promise.all(plan.votes.map(vote))

  // The app's retry: the server's retry-after, else 0.5 s doubling up to 10 s, with jitter.
  const untilAnswered = async (v: PlannedVote): Promise<VoteOutcome> => {
    const earlier: string[] = []
    for (let attempt = 1; ; attempt++) {
      const { retryAfterMs, ...outcome } = await send(v, v.baseUrl ?? plan.baseUrl)
      const retry = outcome.status === 0 || outcome.status === 429 || outcome.status === 503
      if (!retry || monotonicMs() > plan.startAt + QUEUE_GIVE_UP_MS) return { ...outcome, attempts: attempt, earlier }
      earlier.push(outcome.code ? `${outcome.status} ${outcome.code}` : String(outcome.status))
      const base = retryAfterMs ?? 500 * 2 ** Math.min(attempt - 1, 5)
      await sleep(Math.min(10_000, base) * (0.75 + Math.random() * 0.5))
    }
  }
  const byDevice = new Map<string, PlannedVote[]>()
  for (const v of plan.votes) byDevice.set(v.token, [...(byDevice.get(v.token) ?? []), v])
  const outcomes = await Promise.all(
    [...byDevice.values()].map(async (taps) => {
      const answered: VoteOutcome[] = []
      for (const v of taps.sort((a, b) => a.atMs - b.atMs)) {
        await sleep(Math.max(0, plan.startAt + v.atMs - monotonicMs()))
        answered.push(await untilAnswered(v))
      }
      return answered
    }),
  )
  return outcomes.flat()
}
