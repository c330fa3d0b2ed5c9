import http from 'node:http'
import { routeRequest, type WireRequest } from '@pinnwand/shared/contract/callApi'
import { castVote, myRoundVotes } from '@pinnwand/shared/votingRoutes'
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
  /**
   * Queue mode: each device first loads its ballot (`GET /api/rounds/:id/me`) at `startAt`, as
   * the web app does when it sees the round open (client/src/voting/useBallot.ts).
   */
  loadBallot?: boolean
}

export interface VoteRun {
  outcomes: VoteOutcome[]
  /** The ballot loads of `loadBallot`: status and latency. */
  ballotLoads: { status: number; ms: number }[]
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

interface Answer {
  status: number
  /** Error code of the JSON body, or the network error's name when `status` is 0. */
  code: string | null
  retryAfterMs?: number
}

/**
 * One call of a declared route (built by `routeRequest`, shared/src/contract/callApi.ts) through
 * `agent` — node:http rather than fetch or callApi: undici's fetch costs the load generator
 * 1–2 ms of CPU per call, which on two shared cores was taken from the server under test (the
 * tail measured the bench, see docs/performance.md, vote-burst).
 */
function call(agent: http.Agent, baseUrl: string, wire: WireRequest): Promise<Answer> {
  return new Promise((resolve) => {
    // The vote routes take JSON; a route that consumes raw bytes is not sent from here.
    if (wire.body instanceof Blob) throw new Error(`${wire.path}: a raw body is not sent by the load generator`)
    const payload = wire.body
    const req = http.request(baseUrl + wire.path, {
      method: wire.method,
      agent,
      headers: {
        ...wire.headers,
        ...(payload === undefined ? {} : { 'content-length': Buffer.byteLength(payload) }),
      },
    })
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })))
    req.on('error', (error) => resolve({ status: 0, code: error.name === 'Error' ? 'NetworkError' : error.name }))
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', (error) => resolve({ status: 0, code: error.name }))
      res.on('end', () => {
        let code: string | null = null
        try {
          // A 408 from Node's HTTP server has no JSON body.
          code = (JSON.parse(Buffer.concat(chunks).toString()) as { error?: { code?: string } }).error?.code ?? null
        } catch {
          code = null
        }
        const retryAfter = Number(res.headers['retry-after'])
        resolve({ status: res.statusCode ?? 0, code, ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}) })
      })
    })
    req.end(payload)
  })
}

/**
 * Places the planned dots on schedule, each as `POST /api/rounds/:id/votes`, without
 * waiting for earlier answers (open loop: a slow server does not slow the voters down).
 * Every device (token) has its own keep-alive connection(s), as a phone's browser does.
 */
export async function runVotes(plan: VotePlan): Promise<VoteRun> {
  const agents = new Map<string, http.Agent>()
  const agentOf = (token: string) => {
    let agent = agents.get(token)
    if (!agent) agents.set(token, (agent = new http.Agent({ keepAlive: true })))
    return agent
  }
  const send = async (
    v: PlannedVote,
    baseUrl: string,
  ): Promise<Omit<VoteOutcome, 'attempts' | 'earlier'> & { retryAfterMs?: number }> => {
    const started = monotonicMs()
    const answer = await call(
      agentOf(v.token),
      baseUrl,
      routeRequest(castVote, {
        params: { roundId: plan.roundId },
        body: { ideaId: v.ideaId, delta: 1, requestId: v.requestId },
        token: v.token,
      }),
    )
    return {
      requestId: v.requestId,
      ideaId: v.ideaId,
      ...answer,
      ms: monotonicMs() - started,
      answeredAt: monotonicMs(),
    }
  }
  try {
    return await placeVotes(plan, send, agentOf)
  } finally {
    for (const agent of agents.values()) agent.destroy()
  }
}

type Send = (
  v: PlannedVote,
  baseUrl: string,
) => Promise<Omit<VoteOutcome, 'attempts' | 'earlier'> & { retryAfterMs?: number }>

async function placeVotes(plan: VotePlan, send: Send, agentOf: (token: string) => http.Agent): Promise<VoteRun> {
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
  if (plan.mode !== 'queue') return { outcomes: await Promise.all(plan.votes.map(vote)), ballotLoads: [] }

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
  const ballotLoads: VoteRun['ballotLoads'] = []
  const outcomes = await Promise.all(
    [...byDevice.values()].map(async (taps) => {
      const answered: VoteOutcome[] = []
      if (plan.loadBallot) {
        await sleep(Math.max(0, plan.startAt - monotonicMs()))
        const started = monotonicMs()
        const token = taps[0]!.token
        const ballot = routeRequest(myRoundVotes, { params: { roundId: plan.roundId }, token })
        const { status } = await call(agentOf(token), taps[0]!.baseUrl ?? plan.baseUrl, ballot)
        ballotLoads.push({ status, ms: monotonicMs() - started })
      }
      for (const v of taps.sort((a, b) => a.atMs - b.atMs)) {
        await sleep(Math.max(0, plan.startAt + v.atMs - monotonicMs()))
        answered.push(await untilAnswered(v))
      }
      return answered
    }),
  )
  return { outcomes: outcomes.flat(), ballotLoads }
}
