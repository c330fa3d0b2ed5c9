/**
 * Scenario c — a plenary vote: 300 participants, connected to the board, place 5 dots each
 * within 5 seconds through the voting API; 5 % of the requests are sent twice with the same
 * requestId (a retry after a lost answer). Our server only (the peers have no voting).
 * Checks the round's results against what was sent: nothing lost, nothing counted twice.
 */
import { randomUUID } from 'node:crypto'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as routes from '@pinnwand/shared/votingRoutes'
import { postIdea } from './lib/api.ts'
import { emit, quick, size } from './lib/benchEnv.ts'
import { monotonicMs, round, summarize } from './lib/stats.ts'
import { startTarget } from './lib/targets.ts'
import { LoadGenerator } from './load/LoadGenerator.ts'
import type { PlannedVote } from './load/voteLoad.ts'

const PARTICIPANTS = size('CLIENTS', 300, 12)
const DOTS = 5
const IDEAS = quick ? 6 : 30
const WINDOW_MS = 5000
const RETRY_SHARE = 0.05

const target = await startTarget('pinnwand', { clients: PARTICIPANTS })
const { server, workshop } = target.pinnwand!
const load = new LoadGenerator(LoadGenerator.workersFor(PARTICIPANTS))
const problems: string[] = []
try {
  const boardId = workshop.boardIds[0]!
  const token = workshop.facilitatorToken
  const ideaIds: string[] = []
  for (let i = 0; i < IDEAS; i++) ideaIds.push(await postIdea(server.url, boardId, token, `Idee ${i + 1}`))
  // Everyone is on the board (with the board-state channel, as the web app is) while voting.
  const specs = target.specs.map((s) => ({ ...s, params: { ...s.params, state: '1' } }))
  const shares = load.split(specs)
  const connected = await load.all(
    'connect',
    (w) => ({ specs: shares[w]!, perSecond: 100 / load.size, timeoutMs: 60_000 }),
    75_000,
  )
  const synced = connected.reduce((n, c) => n + c.synced, 0)
  if (synced < PARTICIPANTS) problems.push(`only ${synced} of ${PARTICIPANTS} clients synced`)

  const { roundId } = await callApi(
    routes.openRound,
    { params: { boardId }, body: { dotsPerParticipant: DOTS }, token },
    { baseUrl: server.url },
  )
  // Each person's dots at random moments of the window, on random ideas (several on one is fine).
  const plans: PlannedVote[][] = shares.map(() => [])
  let requests = 0
  target.specs.forEach((spec, i) => {
    for (let d = 0; d < DOTS; d++) {
      const ideaId = ideaIds[Math.floor(Math.random() * ideaIds.length)]!
      const vote = { token: spec.params!.token!, ideaId, requestId: randomUUID(), atMs: Math.random() * WINDOW_MS }
      const plan = plans[i % plans.length]!
      plan.push(vote)
      requests++
      if (Math.random() < RETRY_SHARE) {
        plan.push({ ...vote, atMs: Math.min(WINDOW_MS, vote.atMs + 50 + Math.random() * 450) })
        requests++
      }
    }
  })
  const startAt = monotonicMs() + 500
  const outcomes = (
    await load.all('votes', (w) => ({ baseUrl: server.url, roundId, startAt, votes: plans[w]! }), 120_000)
  ).flatMap((run) => run.outcomes)
  const spanMs = monotonicMs() - startAt

  await callApi(routes.closeRound, { params: { roundId }, token }, { baseUrl: server.url })
  const results = await callApi(routes.roundResults, { params: { roundId }, token }, { baseUrl: server.url })
  // What the server confirmed (200), once per requestId: exactly that must be in the results.
  const expected = new Map<string, number>()
  for (const requestId of new Set(outcomes.filter((o) => o.status === 200).map((o) => o.requestId))) {
    const ideaId = outcomes.find((o) => o.requestId === requestId)!.ideaId
    expected.set(ideaId, (expected.get(ideaId) ?? 0) + 1)
  }
  const confirmed = [...expected.values()].reduce((a, b) => a + b, 0)
  const unanswered = outcomes.filter((o) => o.status === 0).length
  if (unanswered > 0)
    problems.push(`${unanswered} requests got no answer after ${Math.max(...outcomes.map((o) => o.attempts))} attempts`)
  const counted = new Map(results.ranking.map((r) => [r.ideaId, r.votes]))
  let lost = 0
  let duplicated = 0
  for (const ideaId of ideaIds) {
    const diff = (counted.get(ideaId) ?? 0) - (expected.get(ideaId) ?? 0)
    if (diff > 0) duplicated += diff
    else lost -= diff
  }
  const statuses: Record<string, number> = {}
  for (const o of outcomes) {
    const key = o.code ? `${o.status} ${o.code}` : String(o.status)
    statuses[key] = (statuses[key] ?? 0) + 1
  }
  if (lost > 0 || duplicated > 0)
    problems.push(`results differ from the confirmed dots: ${lost} lost, ${duplicated} duplicated`)
  const latency = summarize(outcomes.filter((o) => o.status !== 0).map((o) => o.ms))
  emit({
    bench: `dot-voting-${PARTICIPANTS}`,
    participants: PARTICIPANTS,
    dotsEach: DOTS,
    ideas: IDEAS,
    requests,
    retries: requests - PARTICIPANTS * DOTS,
    statuses,
    plannedVotes: PARTICIPANTS * DOTS,
    confirmedVotes: confirmed,
    resentAfterNoAnswer: outcomes.reduce((n, o) => n + o.attempts - 1, 0),
    totalVotes: results.totalVotes,
    voters: results.voters,
    lostVotes: lost,
    duplicatedVotes: duplicated,
    voteApiP50Ms: latency.p50Ms,
    voteApiP95Ms: latency.p95Ms,
    voteApiP99Ms: latency.p99Ms,
    voteApiMaxMs: latency.maxMs,
    allAnsweredWithinMs: round(spanMs, 0),
    clientsConnected: synced,
    problems,
    targets: { lostVotes: 0, duplicatedVotes: 0, voteApiP99Ms: 100 },
  })
} finally {
  await load.close()
  await target.stop()
}
process.exit(0)
