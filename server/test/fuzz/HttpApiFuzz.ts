import { api, createWorkshop, joinParticipant, type TestServer, userIdOf } from '../helpers/testServer.ts'
import { Prng } from './prng.ts'
import { breakValue, HOSTILE_STRINGS, type JsonSchema, schemaValue } from './schemaValues.ts'

interface Route {
  method: string
  path: string
  body?: JsonSchema
}

/** One person or thing that sends requests, and what it may change in the workshop under test. */
interface Actor {
  name: string
  authorization?: string
  /** A participant of the workshop: may change own cards, comments and votes, nothing else. */
  userId?: string
}

/** What the workshop holds, as its facilitator reads it through the API. */
interface Snapshot {
  workshop: unknown
  boards: Record<string, { records: Record<string, Rec>; comments: unknown; rounds: Round[]; shortlist: unknown }>
}
type Rec = { id: string; typeName: string; type?: string; x?: number; y?: number; props?: Record<string, unknown> }
type Round = { id: string; status: string; totalVotes: number; settings: { dotsPerParticipant: number } }

export interface HttpFuzzSummary {
  seed: number
  steps: number
  /** Per status code: how many answers. */
  statuses: Record<string, number>
  routes: number
}

/**
 * Seeded random and hostile requests against every write route the server describes in
 * /api/openapi.json (ideas, clusters, comments, votes, rounds, timer, phase, lock, import, …):
 * bodies generated from the route's own request schema and then broken (wrong types, huge and
 * deeply nested values, `__proto__` keys, invalid JSON, wrong content types), path ids of
 * other boards and workshops or made up, and tokens of every kind (participants, projector,
 * another workshop's facilitator, none, garbage, odd spellings of the header). The workshop's
 * own facilitator never attacks. After every request: no 5xx; every error in the
 * `{ error: { code, message } }` shape; the locked board unchanged; nothing changed that the
 * actor may not change.
 */
export class HttpApiFuzz {
  private readonly rng: Prng
  private readonly server: TestServer
  private readonly steps: number
  private routes: Route[] = []
  private actors: Actor[] = []
  private facilitatorToken = ''
  private workshopId = ''
  private ids: Record<string, string[]> = {}
  private boards: { open: string; locked: string; voting: string } = { open: '', locked: '', voting: '' }
  private readonly summary: HttpFuzzSummary

  constructor({ seed, steps, server }: { seed: number; steps: number; server: TestServer }) {
    this.rng = new Prng(seed)
    this.server = server
    this.steps = steps
    this.summary = { seed, steps, statuses: {}, routes: 0 }
  }

  async run(): Promise<HttpFuzzSummary> {
    let step = -1
    let last = ''
    try {
      await this.setUp()
      let before = await this.snapshot()
      for (step = 0; step < this.steps; step++) {
        const request = this.nextRequest()
        last = `${request.actor.name} ${request.method} ${request.path} ${request.describe}`
        const res = await fetch(this.server.url + request.path, {
          method: request.method,
          headers: request.headers,
          body: request.body,
        })
        const text = await res.text()
        this.summary.statuses[res.status] = (this.summary.statuses[res.status] ?? 0) + 1
        if (res.status >= 500) throw new Error(`answered ${res.status}: ${text.slice(0, 300)}`)
        if (res.status >= 400) checkErrorShape(res.status, text)
        const after = await this.snapshot()
        const problem = this.forbiddenChange(request.actor, before, after)
        if (problem) throw new Error(`${res.status}, but ${problem}`)
        before = after
      }
      return this.summary
    } catch (error) {
      throw new Error(
        `HTTP fuzz seed ${this.summary.seed}, step ${step} (${last.slice(0, 400)}): ${(error as Error).message}`,
        {
          cause: error,
        },
      )
    }
  }

  private async setUp(): Promise<void> {
    const url = this.server.url
    const spec = (await api(url, 'GET', '/api/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: { 'application/json': { schema: JsonSchema } } } }>
      >
    }
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue
        this.routes.push({
          method: method.toUpperCase(),
          path,
          body: op.requestBody?.content?.['application/json']?.schema,
        })
      }
    }
    this.summary.routes = this.routes.length

    const workshop = await createWorkshop(url, 3)
    const other = await createWorkshop(url, 1)
    this.workshopId = workshop.workshopId
    this.facilitatorToken = workshop.facilitatorToken
    const [open, locked, voting] = workshop.boardIds as [string, string, string]
    this.boards = { open, locked, voting }
    const ada = await joinParticipant(url, workshop, 'Ada')
    const eve = await joinParticipant(url, workshop, 'Eve')
    const adaId = await userIdOf(url, ada.participantToken)
    const eveId = await userIdOf(url, eve.participantToken)
    const token = this.facilitatorToken
    const idea = async (board: string, who: string, text: string) =>
      (await api(url, 'POST', `/api/boards/${board}/ideas`, { token: who, body: { text } })).body.idea?.id as string
    const cluster = (await api(url, 'POST', `/api/boards/${open}/clusters`, { token, body: { title: 'Mobilität' } }))
      .body.cluster.id as string
    const ideas = [
      await idea(open, ada.participantToken, 'Radweg'),
      await idea(open, eve.participantToken, 'Bänke'),
      await idea(locked, ada.participantToken, 'Bäume'),
      await idea(voting, ada.participantToken, 'Bus'),
      await idea(voting, eve.participantToken, 'Bahn'),
    ]
    await api(url, 'POST', `/api/boards/${locked}/lock`, { token, body: { locked: true } })
    const round = await api(url, 'POST', `/api/boards/${voting}/rounds`, { token, body: { dotsPerParticipant: 3 } })
    if (round.status !== 201) throw new Error(`opening a round failed: ${JSON.stringify(round.body)}`)
    this.ids = {
      workshopId: [workshop.workshopId, other.workshopId],
      boardId: [open, locked, voting, other.boardIds[0]!],
      ideaId: ideas,
      clusterId: [cluster],
      roundId: [round.body.roundId as string],
      participantId: [ada.participantId, eve.participantId],
      commentId: [],
      versionId: [],
    }
    this.actors = [
      { name: 'Ada', authorization: `Bearer ${ada.participantToken}`, userId: adaId },
      { name: 'Eve', authorization: `Bearer ${eve.participantToken}`, userId: eveId },
      { name: 'Eve (lower-case bearer)', authorization: `bearer   ${eve.participantToken}`, userId: eveId },
      { name: 'projector', authorization: `Bearer ${workshop.projectorToken}` },
      { name: 'other facilitator', authorization: `Bearer ${other.facilitatorToken}` },
      { name: 'nobody' },
      { name: 'garbage token', authorization: `Bearer ${this.rng.word(40)}` },
      { name: 'odd header', authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      { name: 'truncated token', authorization: `Bearer ${ada.participantToken.slice(0, -3)}` },
    ]
  }

  private nextRequest() {
    // One request in three is what a participant's app would send (a route participants use,
    // real ids, a valid body), so that the rules behind authentication and parsing are reached:
    // an idea on the locked board, a vote on someone else's behalf, a comment during a round.
    const plausible = this.rng.chance(0.35)
    const theirs = this.routes.filter((r) => /ideas|comments|votes|clusters|seat/.test(r.path))
    const route = plausible || this.rng.chance(0.3) ? this.rng.pick(theirs) : this.rng.pick(this.routes)
    const actor =
      plausible || this.rng.chance(0.4) ? this.rng.pick(this.actors.slice(0, 2)) : this.rng.pick(this.actors)
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const known = this.ids[name] ?? []
      const real = known.length > 0 && (plausible || this.rng.chance(0.85))
      return encodeURIComponent(real ? this.rng.pick(known) : this.rng.pick(HOSTILE_STRINGS))
    })
    const headers: Record<string, string> = {}
    if (actor.authorization) headers.authorization = actor.authorization
    let body: string | undefined
    let describe = ''
    const shape = plausible
      ? 'schema'
      : this.rng.weighted([
          [6, 'schema'],
          [2, 'mutated'],
          [1, 'hostile-json'],
          [1, 'raw'],
        ] as const)
    if (shape === 'raw') {
      body = this.rng.pick(['', '{', '[1,2', 'null', '"x"', 'x'.repeat(10_000), '\u0000', '{"a":1}{"b":2}'])
      headers['content-type'] = this.rng.pick(['application/json', 'text/plain', 'multipart/form-data; boundary=x'])
      describe = `raw ${JSON.stringify(body.slice(0, 40))} as ${headers['content-type']}`
    } else if (shape === 'hostile-json') {
      body = this.rng.pick([
        '{"__proto__":{"isAdmin":true},"text":"x"}',
        '{"constructor":{"prototype":{"x":1}}}',
        `{"text":${'['.repeat(5000)}${']'.repeat(5000)}}`,
        '{"text":1e400,"locked":true}',
        `{"text":"${'ü'.repeat(200_000)}"}`,
        '{"text":"x","text":"y"}',
      ])
      headers['content-type'] = 'application/json'
      describe = `hostile ${body.slice(0, 60)}`
    } else {
      let value = route.body ? schemaValue(this.rng, route.body, Object.values(this.ids).flat()) : {}
      if (shape === 'mutated') value = breakValue(this.rng, value)
      body = JSON.stringify(value)
      headers['content-type'] = 'application/json'
      describe = `${shape} ${body.slice(0, 120)}`
    }
    if (route.method === 'DELETE' && this.rng.chance(0.5)) {
      body = undefined
      delete headers['content-type']
    }
    return { actor, method: route.method, path, headers, body, describe }
  }

  private async snapshot(): Promise<Snapshot> {
    const token = this.facilitatorToken
    const workshop = (await api(this.server.url, 'GET', `/api/workshops/${this.workshopId}`, { token })).body
    const boards: Snapshot['boards'] = {}
    for (const id of Object.values(this.boards)) {
      const res = await api(this.server.url, 'GET', `/api/boards/${id}/export?format=json`, { token })
      if (res.status !== 200) throw new Error(`export of ${id} answered ${res.status}`)
      const exported = res.body as {
        document: { records: Rec[]; comments?: unknown[] }
        report: { rounds: Round[]; shortlist: unknown }
      }
      boards[id] = {
        records: Object.fromEntries(exported.document.records.map((r) => [r.id, r])),
        comments: exported.document.comments ?? [],
        rounds: exported.report.rounds,
        shortlist: exported.report.shortlist,
      }
    }
    return { workshop: stripVolatile(workshop), boards }
  }

  /** Why the change from `before` to `after` is not one `actor` may make, or null. */
  private forbiddenChange(actor: Actor, before: Snapshot, after: Snapshot): string | null {
    if (JSON.stringify(before.workshop) !== JSON.stringify(after.workshop))
      return `the workshop changed: ${firstDifference(before.workshop, after.workshop)}`
    for (const [id, board] of Object.entries(after.boards)) {
      const old = before.boards[id]!
      const where =
        id === this.boards.locked
          ? 'the locked board'
          : id === this.boards.voting
            ? 'the voting board'
            : 'the open board'
      if (JSON.stringify(old.shortlist) !== JSON.stringify(board.shortlist)) return `${where}: the shortlist changed`
      const rounds = (rs: Round[]) => rs.map((r) => ({ id: r.id, status: r.status }))
      if (JSON.stringify(rounds(old.rounds)) !== JSON.stringify(rounds(board.rounds)))
        return `${where}: a round changed`
      for (const round of board.rounds) {
        if (round.totalVotes > 2 * round.settings.dotsPerParticipant)
          return `${where}: ${round.totalVotes} votes from two participants with ${round.settings.dotsPerParticipant} dots each`
      }
      const changed = [...new Set([...Object.keys(old.records), ...Object.keys(board.records)])].filter(
        (key) => JSON.stringify(old.records[key]) !== JSON.stringify(board.records[key]),
      )
      const commentsChanged = JSON.stringify(old.comments) !== JSON.stringify(board.comments)
      if (changed.length === 0 && !commentsChanged) continue
      if (!actor.userId || id !== this.boards.open)
        return `${where} changed for ${actor.name}: ${changed.slice(0, 3).join(', ')}${commentsChanged ? ' (comments)' : ''}`
      for (const key of changed) {
        const problem = this.participantMayChange(actor.userId, old.records[key], board.records[key])
        if (problem) return `${where}: ${actor.name} changed ${key}: ${problem}`
      }
    }
    return null
  }

  /** A participant writes her own idea cards; a cluster may only grow or move to make room. */
  private participantMayChange(userId: string, before: Rec | undefined, after: Rec | undefined): string | null {
    const record = after ?? before!
    if (record.typeName === 'shape' && record.type === 'idea-card') {
      const owners = [before, after].filter(Boolean).map((r) => r!.props?.authorId)
      return owners.every((owner) => owner === userId) ? null : `a card of ${owners.join(' → ')}`
    }
    if (before && after && record.type === 'cluster') {
      const rest = (r: Rec) => JSON.stringify({ ...r, x: 0, y: 0, props: { ...r.props, w: 0, h: 0 } })
      return rest(before) === rest(after) ? null : 'more than the size or place of a cluster'
    }
    return `a ${record.typeName} ${record.type ?? ''}`
  }
}

function checkErrorShape(status: number, text: string): void {
  let body: { error?: { code?: unknown; message?: unknown } }
  try {
    body = JSON.parse(text) as typeof body
  } catch {
    throw new Error(`answered ${status} with a body that is not JSON: ${text.slice(0, 200)}`)
  }
  if (typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string')
    throw new Error(`answered ${status} without { error: { code, message } }: ${text.slice(0, 200)}`)
}

/**
 * Live counts (present and seated people, idea counts, last activity; a participant picks her
 * own table) follow the boards a few seconds
 * late and without anyone's request; the boards themselves are compared record by record.
 */
function stripVolatile(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) =>
    ['lastActivity', 'lastActivityAt', 'ideas', 'present', 'here', 'seated'].includes(key) ||
    (key === 'participants' && typeof v === 'number')
      ? undefined
      : v,
  )
}

function firstDifference(a: unknown, b: unknown): string {
  const x = JSON.stringify(a)
  const y = JSON.stringify(b)
  let i = 0
  while (i < x.length && x[i] === y[i]) i++
  return `…${x.slice(Math.max(0, i - 80), i + 80)} → …${y.slice(Math.max(0, i - 80), i + 80)}`
}
