/**
 * Issue 18 — the voting burst of a plenary: a round opens and 500 participants, all on the
 * board (real y-websocket clients with the board-state channel, as the web app), place their
 * 3 dots within the first 2 seconds through the voting API, as a tap does. 5 % of the taps are
 * sent twice with the same requestId (a retry after a lost answer), and 5 % of the people try
 * a fourth dot, which the budget must refuse. On one instance (SQLite, PostgreSQL) and on two
 * instances sharing PostgreSQL and Redis, voters spread over both.
 *
 * Measured: vote API latency, what was refused and why, lost or double-counted dots against
 * the round's results, server CPU and event-loop lag, and when the facilitator's socket (board-
 * state channel, as the dashboard reads it) shows the final count.
 */
import { randomUUID } from 'node:crypto'
import type { RoundStateSection } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as routes from '@pinnwand/shared/votingRoutes'
import { postIdea } from './lib/api.ts'
import { emit, quick, size } from './lib/benchEnv.ts'
import { BoardStateWatcher } from './lib/boardStateWatcher.ts'
import { scrapeMetrics } from './lib/metrics.ts'
import { measureCpu } from './lib/procCpu.ts'
import { createWorkshop, joinParticipants } from './lib/serverProcess.ts'
import { monotonicMs, round, summarize } from './lib/stats.ts'
import { awarenessMode } from './lib/targets.ts'
import { missingFor, startDeployment, type Topology, topologiesToRun } from './lib/topology.ts'
import type { ClientSpec } from './load/clientAdapters.ts'
import { LoadGenerator } from './load/LoadGenerator.ts'
import type { PlannedVote, VoteOutcome } from './load/voteLoad.ts'

const PARTICIPANTS = size('CLIENTS', 500, 12)
const DOTS = 3
const WINDOW_MS = size('WINDOW_MS', 2000, 1000)
const IDEAS = quick ? 6 : 40
const RETRY_SHARE = 0.05
const OVER_BUDGET_SHARE = 0.05
/** How long after the last answer the facilitator's count may take before it counts as stuck. */
const TALLY_TIMEOUT_MS = 15_000

const wsOf = (url: string) => `${url.replace(/^http/, 'ws')}/ws`
const roundOf = (state: Record<string, unknown>) => state.round as RoundStateSection | null | undefined

async function burst(topology: Topology): Promise<Record<string, unknown>> {
  const problems: string[] = []
  // DATABASE_POOL_MAX: PostgreSQL connections per instance (the server's default 10).
  const deployment = await startDeployment(
    topology,
    process.env.DATABASE_POOL_MAX ? { DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX } : {},
  )
  const { servers } = deployment
  // The simulated phones yield the CPU to the server under test (in a hall each has its own);
  // at normal priority they took 1.5 of the 2 cores in the burst's first 300 ms and the server's
  // listen queue grew to 130 connections (docs/performance.md). BENCH_LOAD_NICE=0 turns it off.
  const load = new LoadGenerator(LoadGenerator.workersFor(PARTICIPANTS), {
    nice: Number(process.env.BENCH_LOAD_NICE ?? 10),
  })
  let watcher: BoardStateWatcher | null = null
  try {
    const first = servers[0]!.url
    const workshop = await createWorkshop(first, 1)
    const boardId = workshop.boardIds[0]!
    const token = workshop.facilitatorToken
    const people = await joinParticipants(first, workshop, PARTICIPANTS)
    const ideaIds: string[] = []
    for (let i = 0; i < IDEAS; i++) ideaIds.push(await postIdea(first, boardId, token, `Idee ${i + 1}`))
    // Person i talks to instance i mod n, over its socket and its taps alike.
    const instanceOf = (i: number) => servers[i % servers.length]!
    const specs: ClientSpec[] = people.map((p, i) => ({
      index: i,
      protocol: 'y-websocket',
      url: wsOf(instanceOf(i).url),
      room: boardId,
      params: { token: p.token, state: '1' },
      userId: p.userId,
      name: p.name,
      awareness: awarenessMode,
    }))
    const shares = load.split(specs)
    const connected = await load.all(
      'connect',
      (w) => ({ specs: shares[w]!, perSecond: 100 / load.size, timeoutMs: 60_000 }),
      75_000,
    )
    const synced = connected.reduce((n, c) => n + c.synced, 0)
    if (synced < PARTICIPANTS) problems.push(`only ${synced} of ${PARTICIPANTS} clients synced`)
    // The facilitator watches from the first instance; in the cluster half the taps reach it
    // only through the other instance's signal.
    watcher = new BoardStateWatcher(wsOf(first), boardId, token)
    const watcherSynced = await waitUntil(() => watcher!.synced, 30_000)
    if (!watcherSynced) problems.push("the facilitator's socket did not sync")

    // Each person's dots at random moments of the window; a few resent, a few try a fourth.
    const plans: PlannedVote[][] = shares.map(() => [])
    const voterOf = new Map<string, number>()
    const triedFourth = new Set<number>()
    let requests = 0
    people.forEach((person, i) => {
      const plan = plans[i % plans.length]!
      const dots = Math.random() < OVER_BUDGET_SHARE ? DOTS + 1 : DOTS
      if (dots > DOTS) triedFourth.add(i)
      for (let d = 0; d < dots; d++) {
        const vote: PlannedVote = {
          token: person.token,
          ideaId: ideaIds[Math.floor(Math.random() * ideaIds.length)]!,
          requestId: randomUUID(),
          atMs: Math.random() * WINDOW_MS,
          baseUrl: instanceOf(i).url,
        }
        voterOf.set(vote.requestId, i)
        plan.push(vote)
        requests++
        if (Math.random() < RETRY_SHARE) {
          plan.push({ ...vote, atMs: Math.min(WINDOW_MS, vote.atMs + 50 + Math.random() * 450) })
          requests++
        }
      }
    })

    const metricsBefore = await Promise.all(servers.map((s) => scrapeMetrics(s.url)))
    const cpu = servers.map((s) => measureCpu(s.pid, monotonicMs))
    const loadCpuBefore = load.cpuSeconds()
    await Promise.all(servers.map((s) => s.httpTiming(true)))
    const openedAt = monotonicMs()
    const { roundId } = await callApi(
      routes.openRound,
      { params: { boardId }, body: { dotsPerParticipant: DOTS }, token },
      { baseUrl: first },
    )
    const roundOpenMs = monotonicMs() - openedAt
    // People tap once their screen shows the round: from the open's answer on.
    const startAt = monotonicMs() + 100
    const runs = await load.all(
      'votes',
      (w) => ({ baseUrl: first, roundId, startAt, votes: plans[w]!, mode: 'queue', loadBallot: true }),
      240_000,
    )
    const outcomes: VoteOutcome[] = runs.flatMap((r) => r.outcomes)
    const ballotLoads = runs.flatMap((r) => r.ballotLoads)
    const serverTimings = (await Promise.all(servers.map((s) => s.httpTiming(false)))).flat()
    const serverMs = (method: string, suffix: string) =>
      summarize(serverTimings.filter(([m, p]) => m === method && p.endsWith(suffix)).map(([, , ms]) => ms))
    const lastAnswerAt = Math.max(...outcomes.map((o) => o.answeredAt))

    // Per requestId: accepted (200), refused (a definite answer that it does not count), or
    // still in doubt (no answer, or "busy" until the device gave up): a dot in doubt may or may
    // not be counted, which is what "in doubt" means; anything else must match exactly.
    const accepted = new Map<string, string>()
    const refused = new Set<string>()
    const inDoubt = new Map<string, string>()
    for (const o of outcomes) {
      if (o.status === 200) accepted.set(o.requestId, o.ideaId)
      else if (o.status === 0 || o.status === 408 || o.status === 429 || o.status >= 500)
        inDoubt.set(o.requestId, o.ideaId)
      else refused.add(o.requestId)
    }
    for (const requestId of accepted.keys()) {
      inDoubt.delete(requestId)
      refused.delete(requestId)
    }
    const perVoter = (ids: Iterable<string>) => {
      const counts = new Map<number, number>()
      for (const id of ids) counts.set(voterOf.get(id)!, (counts.get(voterOf.get(id)!) ?? 0) + 1)
      return counts
    }
    const acceptedPerVoter = perVoter(accepted.keys())
    const refusedPerVoter = perVoter(refused)
    let wronglyRefused = 0
    let overBudget = 0
    people.forEach((_, i) => {
      const n = acceptedPerVoter.get(i) ?? 0
      // Refused although fewer than DOTS were accepted: the budget was not what refused it.
      wronglyRefused += Math.min(refusedPerVoter.get(i) ?? 0, Math.max(0, DOTS - n))
      overBudget += Math.max(0, n - DOTS)
    })
    const confirmed = accepted.size
    const tally = await watcher.first((s) => roundOf(s)?.totalVotes === confirmed, openedAt, TALLY_TIMEOUT_MS)
    const cpuUsed = cpu.map((c) => c.stop())
    const loadGenCores = round((load.cpuSeconds() - loadCpuBefore) / ((monotonicMs() - openedAt) / 1000), 2)
    const metricsAfter = await Promise.all(servers.map((s) => scrapeMetrics(s.url)))
    if (!tally) problems.push(`the facilitator's count did not reach ${confirmed} within ${TALLY_TIMEOUT_MS} ms`)

    await callApi(routes.closeRound, { params: { roundId }, token }, { baseUrl: first })
    const results = await callApi(routes.roundResults, { params: { roundId }, token }, { baseUrl: first })
    const expected = new Map<string, number>()
    for (const ideaId of accepted.values()) expected.set(ideaId, (expected.get(ideaId) ?? 0) + 1)
    const counted = new Map(results.ranking.map((r) => [r.ideaId, r.votes]))
    const doubtful = new Map<string, number>()
    for (const ideaId of inDoubt.values()) doubtful.set(ideaId, (doubtful.get(ideaId) ?? 0) + 1)
    let lost = 0
    let duplicated = 0
    let countedInDoubt = 0
    for (const ideaId of ideaIds) {
      const diff = (counted.get(ideaId) ?? 0) - (expected.get(ideaId) ?? 0)
      if (diff < 0) lost -= diff
      else {
        countedInDoubt += Math.min(diff, doubtful.get(ideaId) ?? 0)
        duplicated += Math.max(0, diff - (doubtful.get(ideaId) ?? 0))
      }
    }
    if (results.totalVotes > DOTS * PARTICIPANTS) overBudget += results.totalVotes - DOTS * PARTICIPANTS
    const statuses: Record<string, number> = {}
    for (const o of outcomes) {
      const key = o.code ? `${o.status} ${o.code}` : String(o.status)
      statuses[key] = (statuses[key] ?? 0) + 1
    }
    const resentBecause: Record<string, number> = {}
    for (const why of outcomes.flatMap((o) => o.earlier)) resentBecause[why] = (resentBecause[why] ?? 0) + 1
    if (inDoubt.size > 0) problems.push(`${inDoubt.size} taps were never answered (${countedInDoubt} of them counted)`)
    if (lost > 0 || duplicated > 0)
      problems.push(`results differ from the confirmed dots: ${lost} lost, ${duplicated} duplicated`)
    if (wronglyRefused > 0) problems.push(`${wronglyRefused} dots within the budget were refused`)
    if (overBudget > 0) problems.push(`${overBudget} dots beyond the budget were accepted`)
    const latency = summarize(outcomes.filter((o) => o.status !== 0).map((o) => o.ms))
    const ballot = summarize(ballotLoads.filter((b) => b.status !== 0).map((b) => b.ms))
    if (ballotLoads.some((b) => b.status !== 200))
      problems.push(`${ballotLoads.filter((b) => b.status !== 200).length} ballot loads were not answered 200`)
    const serverVote = serverMs('POST', '/votes')
    const serverBallot = serverMs('GET', '/me')
    const lag = metricsAfter.map((m) => round((m?.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000))
    const burstSeconds = cpuUsed[0]!.wallSeconds
    return {
      bench: `vote-burst-${PARTICIPANTS}`,
      topology,
      instances: servers.length,
      participants: PARTICIPANTS,
      dotsEach: DOTS,
      windowMs: WINDOW_MS,
      ideas: IDEAS,
      clientsConnected: synced,
      requests,
      mode: 'one device loads its ballot when the round opens, then sends its taps one after the other over its own keep-alive connection, as the web app',
      resentWithSameRequestId: requests - PARTICIPANTS * DOTS - triedFourth.size,
      triedFourthDot: triedFourth.size,
      statuses,
      resentAfterBusyOrNoAnswer: outcomes.reduce((n, o) => n + o.attempts - 1, 0),
      resentBecause,
      confirmedVotes: confirmed,
      expectedVotes: PARTICIPANTS * DOTS,
      totalVotes: results.totalVotes,
      voters: results.voters,
      lostVotes: lost,
      duplicatedVotes: duplicated,
      tapsInDoubt: inDoubt.size,
      countedInDoubt,
      wronglyRefused,
      overBudgetAccepted: overBudget,
      voteApiP50Ms: latency.p50Ms,
      voteApiP95Ms: latency.p95Ms,
      voteApiP99Ms: latency.p99Ms,
      voteApiMaxMs: latency.maxMs,
      // Inside the server: from the request's parsed head to its answer written (serverProbe.ts);
      // the difference to voteApi* is waiting before the server reads the request (listen
      // queue, a busy event loop) and the load generator's own delay.
      serverVoteP50Ms: serverVote.p50Ms,
      serverVoteP99Ms: serverVote.p99Ms,
      serverVoteMaxMs: serverVote.maxMs,
      ballotLoads: ballotLoads.length,
      ballotLoadP50Ms: ballot.p50Ms,
      ballotLoadP99Ms: ballot.p99Ms,
      serverBallotP99Ms: serverBallot.p99Ms,
      roundOpenMs: round(roundOpenMs),
      lastAnswerAfterOpenMs: round(lastAnswerAt - openedAt),
      tallyFinalAfterOpenMs: tally ? round(tally.at - openedAt) : null,
      tallyFinalAfterLastAnswerMs: tally ? round(tally.at - lastAnswerAt) : null,
      facilitatorStateMessages: watcher.samples.filter((s) => s.at >= openedAt).length,
      serverCpuCores: cpuUsed.map((c) => c.cores),
      serverCpuSeconds: round(
        cpuUsed.reduce((n, c) => n + c.cpuSeconds, 0),
        2,
      ),
      measuredSeconds: burstSeconds,
      serverEventLoopLagP99Ms: lag,
      loadGenCpuCores: loadGenCores,
      metricsMissing: metricsBefore.some((m) => !m),
      problems,
      targets: { lostVotes: 0, duplicatedVotes: 0, wronglyRefused: 0, overBudgetAccepted: 0, voteApiP99Ms: 200 },
    }
  } finally {
    watcher?.destroy()
    await load.close()
    await deployment.stop()
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = monotonicMs() + timeoutMs
  while (!check()) {
    if (monotonicMs() > deadline) return false
    await new Promise((r) => setTimeout(r, 50))
  }
  return true
}

for (const topology of topologiesToRun()) {
  const missing = missingFor(topology)
  if (missing) {
    emit({ bench: `vote-burst-${PARTICIPANTS}`, topology, skipped: missing })
    continue
  }
  try {
    emit(await burst(topology))
  } catch (error) {
    emit({ bench: `vote-burst-${PARTICIPANTS}`, topology, problems: [`failed: ${(error as Error).message}`] })
  }
}
// Timers of the client libraries may linger; the bench ends by itself.
process.exit(0)
