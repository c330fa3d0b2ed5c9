/**
 * Scenario "12-table workshop" (issue 16): 12 theme tables and a plenary, 8 participants per
 * table joined through the API and connected to their board with Yjs clients, the organiser
 * steering everything from the control room (status stream + bulk actions, as the dashboard does):
 * collect → cluster → vote → reveal → everyone to the plenary. Prints how long each bulk action
 * took for all tables, how soon the organiser's status stream showed its effect, and whether the
 * stream's counts (people present, voters done, dots) match what was done.
 */
import { BOARD_STATE_MESSAGE } from '@pinnwand/shared/boardState'
import { callApi, routeRequest } from '@pinnwand/shared/contract/callApi'
import type { BulkAction, WorkshopStatusResponse } from '@pinnwand/shared/controlApi'
import * as controlRoutes from '@pinnwand/shared/controlRoutes'
import { castVote } from '@pinnwand/shared/votingRoutes'
import { createWorkshop, takeSeat } from '@pinnwand/shared/workshopRoutes'
import { randomUUID } from 'node:crypto'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { postIdea } from './lib/api.ts'
import { emit, quick, size } from './lib/benchEnv.ts'
import { joinParticipants, startPinnwand } from './lib/serverProcess.ts'
import { monotonicMs, round, summarize } from './lib/stats.ts'

const TABLES = size('TABLES', 12, 3)
const PER_TABLE = size('PER_TABLE', 8, 3)
const DOTS = 3
const IDEAS_EACH = 2

const server = await startPinnwand()
const problems: string[] = []
const providers: WebsocketProvider[] = []
try {
  const baseUrl = server.url
  const created = await callApi(
    createWorkshop,
    {
      body: {
        title: 'Regionalforum',
        boards: [
          ...Array.from({ length: TABLES }, (_, i) => ({ title: `Thema ${i + 1}` })),
          { title: 'Plenum', template: 'plenum' },
        ],
      },
    },
    { baseUrl },
  )
  const token = created.facilitatorToken
  const workshopId = created.workshop.id
  const tables = created.boards.filter((b) => b.kind === 'table').map((b) => b.id)
  const workshop = { workshopId, joinCode: created.workshop.joinCode, facilitatorToken: token, boardIds: tables }
  const people = await joinParticipants(server.url, workshop, TABLES * PER_TABLE)
  const seatOf = (i: number) => tables[Math.floor(i / PER_TABLE)]!

  // The organiser's dashboard: the status stream, every status with the time it arrived.
  const statuses: { at: number; status: WorkshopStatusResponse }[] = []
  const stream = new AbortController()
  const streaming = (async () => {
    const wire = routeRequest(controlRoutes.workshopStatusStream, { params: { workshopId }, token })
    const res = await fetch(baseUrl + wire.path, { method: wire.method, headers: wire.headers, signal: stream.signal })
    const decoder = new TextDecoder()
    let buffer = ''
    const reader = res.body!.getReader()
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      let end
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((l) => l.startsWith('data: '))
        buffer = buffer.slice(end + 2)
        if (data) statuses.push({ at: monotonicMs(), status: JSON.parse(data.slice(6)) as WorkshopStatusResponse })
      }
    }
  })().catch(() => undefined)
  /** Ms from `since` until the stream shows `done`; NaN when it never does. */
  const seen = async (since: number, done: (s: WorkshopStatusResponse) => boolean, what: string) => {
    const limit = since + 30_000
    while (monotonicMs() < limit) {
      const hit = statuses.find((s) => s.at >= since && done(s.status))
      if (hit) return round(hit.at - since)
      await new Promise((r) => setTimeout(r, 20))
    }
    problems.push(`the stream never showed ${what}`)
    return NaN
  }

  // Everyone opens their table's board (Yjs, with the board-state channel, as the web app does).
  for (const [i, person] of people.entries()) {
    await callApi(takeSeat, { params: { boardId: seatOf(i) }, token: person.token }, { baseUrl })
    const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/ws`, seatOf(i), new Y.Doc(), {
      params: { token: person.token, state: '1' },
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
    })
    // The board-state channel (message type 100) carries what the web app shows; nothing to do here.
    provider.messageHandlers[BOARD_STATE_MESSAGE] = () => {}
    provider.awareness.setLocalStateField('user', { name: person.name, color: '#1c5fd4' })
    providers.push(provider)
  }
  const connectedStart = monotonicMs()
  const presentMs = await seen(
    connectedStart,
    (s) => s.tables.filter((t) => t.kind === 'table').every((t) => t.present === PER_TABLE),
    'everyone present',
  )

  // Collect: every participant writes ideas through the API.
  const ideasByTable = new Map<string, string[]>(tables.map((id) => [id, []]))
  await Promise.all(
    people.map(async (person, i) => {
      for (let k = 0; k < IDEAS_EACH; k++) {
        const ideaId = await postIdea(baseUrl, seatOf(i), person.token, `Idee ${k + 1} von ${person.name}`)
        ideasByTable.get(seatOf(i))!.push(ideaId)
      }
    }),
  )

  const bulk = async (action: BulkAction) => {
    const started = monotonicMs()
    const res = await callApi(
      controlRoutes.runBulkAction,
      { params: { workshopId }, body: { action, requestId: randomUUID() }, token },
      { baseUrl },
    )
    const refused = res.results.filter((r) => !r.ok)
    if (refused.length > 0)
      problems.push(`${action.type}: ${refused.length} tables refused (${refused[0]!.error?.code})`)
    return { started, ms: round(monotonicMs() - started), tables: res.results.length }
  }
  const onTables = (s: WorkshopStatusResponse) => s.tables.filter((t) => t.kind === 'table')

  const cluster = await bulk({ type: 'phase', phase: 'cluster' })
  const clusterSeen = await seen(cluster.started, (s) => onTables(s).every((t) => t.phase === 'cluster'), 'cluster')
  const open = await bulk({ type: 'openRound', round: { dotsPerParticipant: DOTS } })
  const openSeen = await seen(open.started, (s) => onTables(s).every((t) => t.round?.status === 'open'), 'rounds open')

  const status = statuses.at(-1)!.status
  const roundOf = new Map(onTables(status).map((t) => [t.id, t.round!.id]))
  const voteMs: number[] = []
  const votingStarted = monotonicMs()
  await Promise.all(
    people.map(async (person, i) => {
      const ideas = ideasByTable.get(seatOf(i))!
      for (let d = 0; d < DOTS; d++) {
        const started = monotonicMs()
        await callApi(
          castVote,
          {
            params: { roundId: roundOf.get(seatOf(i))! },
            body: { ideaId: ideas[(i + d) % ideas.length]!, delta: 1, requestId: randomUUID() },
            token: person.token,
          },
          { baseUrl },
        )
        voteMs.push(monotonicMs() - started)
      }
    }),
  )
  const votingMs = round(monotonicMs() - votingStarted)
  const allDoneSeen = await seen(
    votingStarted,
    (s) => onTables(s).every((t) => t.round?.done === PER_TABLE && t.round.totalVotes === PER_TABLE * DOTS),
    `${PER_TABLE} of ${PER_TABLE} done on every table`,
  )
  const reveal = await bulk({ type: 'revealRound' })
  const revealSeen = await seen(
    reveal.started,
    (s) => onTables(s).every((t) => t.round?.status === 'revealed'),
    'rounds revealed',
  )
  const plenary = await bulk({ type: 'message', message: { text: 'Bitte ins Plenum', toPlenary: true } })
  // Every participant's board got the way to the plenary on its board-state channel.
  const final = statuses.at(-1)!.status
  stream.abort()
  await streaming
  emit({
    bench: `control-room-${TABLES}x${PER_TABLE}`,
    tables: TABLES,
    participantsPerTable: PER_TABLE,
    statusMessages: statuses.length,
    msUntilEveryonePresentOnDashboard: presentMs,
    bulkMs: { phase: cluster.ms, openRound: open.ms, reveal: reveal.ms, messageToPlenary: plenary.ms },
    msUntilDashboardShows: {
      phase: clusterSeen,
      roundsOpen: openSeen,
      allVotersDone: allDoneSeen,
      revealed: revealSeen,
    },
    votes: { count: voteMs.length, spanMs: votingMs, ...summarize(voteMs) },
    finalCounts: onTables(final).map(
      (t) => `${t.number}: ${t.round?.done}/${t.present} done, ${t.round?.totalVotes} dots`,
    ),
    problems,
  })
} finally {
  for (const provider of providers) provider.destroy()
  await server.stop()
}
process.exit(problems.length > 0 && !quick ? 1 : 0)
