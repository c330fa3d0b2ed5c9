/**
 * Smoke test of the benchmark harness at small sizes (`--quick`): every scenario must produce
 * well-formed figures, and at this scale nothing may get lost. No timing assertions: the
 * figures of a quick run mean nothing.
 */
import { describe, expect, test } from 'vitest'
import { benches, runBench } from './run.ts'

type Line = Record<string, unknown> & { bench: string }

async function quickRun(name: string): Promise<Line[]> {
  const bench = benches.find((b) => b.name === name)!
  const lines = (await runBench(bench, { quick: true })).map((l) => JSON.parse(l) as Line)
  for (const line of lines) expect(line.error, `${name}: ${line.error}`).toBeUndefined()
  expect(lines.length).toBeGreaterThan(0)
  return lines
}

const isFigure = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0

/** Each of `keys` (separated by spaces) is a finite, non-negative number on `line`. */
function expectFigures(line: Line, label: string, keys: string) {
  for (const key of keys.split(' ')) expect(isFigure(line[key]), `${label} ${key} = ${line[key]}`).toBe(true)
}

describe('pnpm bench --quick', () => {
  test('plenary: all three servers under the same load, nothing lost', async () => {
    const lines = await quickRun('plenary')
    const servers = lines.filter((l) => !l.bench.endsWith('-ratios'))
    expect(servers.map((l) => l.server)).toEqual(['pinnwand', 'y-websocket-server', 'hocuspocus'])
    for (const line of servers) {
      expect(line.problems, String(line.server)).toEqual([])
      expect(line.connected).toBe(line.clients)
      expect(line.lostUpdates).toBe(0)
      expect(line.samples).toBe(line.expectedSamples)
      expectFigures(
        line,
        String(line.server),
        'p50Ms p95Ms p99Ms serverCpuCores awarenessUpdatesPerClientPerS cursorStatesPerClientPerS',
      )
    }
    const ratios = lines.find((l) => l.bench.endsWith('-ratios'))!
    expect(ratios.vsHocuspocus).toMatchObject({ p99: expect.any(Number) })
    expect(ratios.vsReference).toMatchObject({ p99: expect.any(Number) })
  })

  test('many boards: server CPU measured, nothing lost', async () => {
    const lines = await quickRun('many-boards')
    for (const line of lines.filter((l) => 'server' in l)) {
      expect(line.lostUpdates, String(line.server)).toBe(0)
      expect(isFigure(line.serverCpuCores)).toBe(true)
    }
  })

  test('dot voting: every dot counted exactly once', async () => {
    const [line] = await quickRun('dot-voting')
    expect(line).toMatchObject({ lostVotes: 0, duplicatedVotes: 0, problems: [] })
    expect(line!.confirmedVotes).toBe(line!.plannedVotes)
    expect(line!.totalVotes).toBe(line!.confirmedVotes)
    expect(isFigure(line!.voteApiP99Ms)).toBe(true)
  })

  test('vote burst: every dot counted once, the budget holds, the facilitator sees the final count', async () => {
    const lines = await quickRun('vote-burst')
    const topologies = ['sqlite', ...(process.env.DATABASE_URL ? ['postgres'] : [])]
    if (process.env.DATABASE_URL && process.env.REDIS_URL) topologies.push('cluster')
    const ran = lines.filter((l) => !l.skipped)
    expect(ran.map((l) => l.topology)).toEqual(topologies)
    for (const line of ran) {
      expect(line, String(line.topology)).toMatchObject({
        problems: [],
        lostVotes: 0,
        duplicatedVotes: 0,
        wronglyRefused: 0,
        overBudgetAccepted: 0,
      })
      expect(line.confirmedVotes).toBe(line.expectedVotes)
      expect(line.totalVotes).toBe(line.expectedVotes)
      expect(line.voters).toBe(line.participants)
      // Every device loaded its ballot when the round opened; the server timed the taps itself.
      expect(line.ballotLoads).toBe(line.participants)
      expectFigures(
        line,
        String(line.topology),
        'voteApiP99Ms serverVoteP99Ms ballotLoadP99Ms tallyFinalAfterOpenMs serverCpuSeconds',
      )
      expect((line.serverCpuCores as number[]).length).toBe(line.instances)
    }
  })

  test('crowd server: bytes per client, egress, CPU and latency on one and two instances', async () => {
    const lines = await quickRun('crowd-server')
    const ran = lines.filter((l) => !l.skipped)
    expect(ran.map((l) => l.topology)).toEqual(
      process.env.DATABASE_URL && process.env.REDIS_URL ? ['sqlite', 'cluster'] : ['sqlite'],
    )
    for (const line of ran) {
      expect(line.problems, String(line.topology)).toEqual([])
      expect(line.lostUpdates).toBe(0)
      expect(line.connected).toBe(line.clients)
      // Light clients (BENCH_APPLY_EVERY): some only count the updates, the rest check delivery.
      expect(line.applyingClients).toBeGreaterThan(0)
      expect(line.applyingClients).toBeLessThan(line.clients as number)
      expectFigures(
        line,
        String(line.topology),
        'receivedKBPerClientPerS egressMBPerS serverCpuCores serverRssMB p99Ms',
      )
    }
    const cluster = ran.find((l) => l.topology === 'cluster')
    if (cluster) expect((cluster.instances as unknown[]).length).toBe(2)
  })

  test('cold load: ready time and board heap', async () => {
    const [line] = await quickRun('cold-load')
    expect(isFigure(line!.readyMs)).toBe(true)
    expect(isFigure(line!.serverLoadMs)).toBe(true)
    expect(typeof line!.boardHeapMB).toBe('number')
  })

  test('reconnect: every client resyncs after a restart and edits arrive', async () => {
    const [line] = await quickRun('reconnect')
    expect(line!.resynced).toBe(line!.clients)
    expect(line!.lostUpdatesAfterRestart).toBe(0)
    expect(isFigure(line!.allResyncedAfterReadyMs)).toBe(true)
  })

  test('document growth: size against the JSON of the live records', async () => {
    const [line] = await quickRun('doc-growth')
    expect(line!.failedPersons).toBe(0)
    expect(line!.skippedPersons).toBe(0)
    expect(isFigure(line!.docToJsonRatio)).toBe(true)
    expect(line!.recordWrites).toBeGreaterThan(0)
  })

  test('import stall: /healthz and a live card on another board measured during the import', async () => {
    const [line] = await quickRun('import-stall')
    expect(line!.lostLiveCards).toBe(0)
    expect(isFigure(line!.importMs)).toBe(true)
    expect((line!.healthzDuringImport as { samples: number }).samples).toBeGreaterThan(0)
  })

  test('crowd device: a real browser among a crowd, every figure measured, every probe seen', async () => {
    const lines = await quickRun('crowd-device')
    const device = lines.filter((l) => l.bench === 'crowd-device')
    expect(device.map((l) => [l.people, l.cpuThrottle])).toEqual([
      [0, 1],
      [0, 4],
      [12, 1],
      [12, 4],
    ])
    for (const line of device) {
      for (const key of [
        'fps',
        'frameP99Ms',
        'longTaskMsPerS',
        'cardLatencyP95Ms',
        'dragRoundTripP50Ms',
        'receivedKBps',
      ])
        expect(isFigure(line[key]), `N=${line.people} ${line.cpuThrottle}× ${key} = ${line[key]}`).toBe(true)
      expect(line).toMatchObject({ cardsNotSeen: 0, dragsNotSeen: 0, view: 'fitted' })
      for (const key of ['ideaListOpenMs', 'ideaSearchMs'])
        expect(isFigure(line[key]), `N=${line.people} ${line.cpuThrottle}× ${key} = ${line[key]}`).toBe(true)
    }
    // The vote list answers taps under the crowd, at each CPU rate.
    const voting = lines.filter((l) => l.bench === 'crowd-device-voting')
    expect(voting.map((l) => [l.people, l.cpuThrottle])).toEqual([
      [0, 1],
      [0, 4],
      [12, 1],
      [12, 4],
    ])
    for (const line of voting) {
      expect(isFigure(line.voteTapShownP50Ms)).toBe(true)
      expect(isFigure(line.voteTapConfirmedP50Ms)).toBe(true)
    }
    // The crowd's cursors reach the browser (12 people: below the crowd threshold, all shown).
    expect(device.find((l) => l.people === 12)!.cursorsShown).toBe(12)
    expect(device.find((l) => l.people === 12)!.receivedKBps).toBeGreaterThan(device[0]!.receivedKBps as number)
    const [versus] = lines.filter((l) => l.bench === 'crowd-vs-hocuspocus')
    expect(isFigure(versus!.bytesPerClient)).toBe(true)
  })

  test('card latency (existing benchmark) still reports', async () => {
    const [line] = await quickRun('card-latency')
    expect(line!.bench).toBe('card-to-second-client')
    expect(isFigure(line!.p99Ms)).toBe(true)
  })
})
