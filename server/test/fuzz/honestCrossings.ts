import type { IdeaCardShape } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { type BoardClient, connectClient, serverRoundTrip, type TestServer } from '../helpers/testServer.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { matches, type ModelCard, summarise } from './fuzzInvariants.ts'
import type { Prng } from './prng.ts'

/** An honest person at the board: the facilitator is the first. */
export interface HonestPerson {
  name: string
  userId: string
  token: string
  server: TestServer
  client: BoardClient
}

/** What the convergence steps need of the fuzzer that runs them (GatewayFuzz). */
export interface CrossingContext {
  rng: Prng
  boardId: string
  servers: readonly TestServer[]
  honest: HonestPerson[]
  model: Map<string, ModelCard>
  note(line: string): void
  /** The loaded room of every instance, for the settle check. */
  roomRecords(): { where: string; get(id: string): TLRecord | undefined }[]
  /** Counts a step kind for the summary. */
  count(kind: string): void
}

/**
 * The steps that make a fuzz run a convergence test of the real room: honest people write the
 * same card at the same moment (deletes crossing moves, moves crossing moves, an edit crossing a
 * move), try what they may not (the room refuses and compensates), and reload with what their
 * tab had cached, on whichever instance. The room's verdict must be one the rules allow, and
 * every client and room must end up with the same record.
 */
export async function crossingStep(ctx: CrossingContext): Promise<boolean> {
  const { rng, honest } = ctx
  const live = [...ctx.model.entries()].filter(([, card]) => !card.deleted)
  if (live.length === 0) return false
  const [id, card] = rng.pick(live)
  const owner = honest.find((h) => h.userId === card.owner)!
  const facilitator = honest[0]!
  const kind = rng.weighted([
    [3, 'delete-vs-moves'],
    [2, 'moves'],
    [2, 'edit-vs-move'],
  ] as const)
  // The one who deletes or edits may (the owner or the facilitator); everyone else moves.
  const writer = rng.chance(0.5) || owner === facilitator ? owner : facilitator
  const movers = honest.filter((h) => h !== writer)
  const base = writer.client.records.get(id) as IdeaCardShape
  const newText = `${writer.name}: ${rng.word()}`
  const writes: (() => void)[] = movers.map((mover) => () => {
    const current = mover.client.records.get(id) as IdeaCardShape
    mover.client.records.set(id, { ...current, x: current.x + rng.int(200) - 100, y: current.y + rng.int(200) - 100 })
  })
  if (kind === 'delete-vs-moves') writes.push(() => writer.client.records.delete(id))
  if (kind === 'edit-vs-move') {
    writes.push(() => writer.client.records.set(id, { ...base, props: { ...base.props, text: newText } }))
  }
  // All before anyone has seen another's write: each client builds on the same card.
  for (const write of rng.shuffleInPlace(writes)) write()
  ctx.note(`crossing ${kind} on ${id}: ${writer.name} and ${movers.map((m) => m.name).join(', ')} at once`)
  ctx.count(`crossing ${kind}`)
  // "Deleted is deleted" (DeleteWins); a move never changes the text; an edit and a move that
  // cross leave either text (whole records are last-writer-wins), but never a third one.
  const allowed = kind === 'moves' ? [card.text] : [card.text, newText]
  const settled = await settle(ctx, id, (record) =>
    kind === 'delete-vs-moves'
      ? record === undefined
      : record !== undefined &&
        allowed.includes((record as IdeaCardShape).props.text) &&
        (record as IdeaCardShape).props.authorId === card.owner,
  )
  if (kind === 'delete-vs-moves') card.deleted = true
  else card.text = (settled as IdeaCardShape).props.text
  return true
}

/** A participant edits or deletes a card that is not hers: refused, put back, everyone keeps it. */
export async function refusedStep(ctx: CrossingContext): Promise<boolean> {
  const { rng, honest } = ctx
  const participants = honest.slice(1)
  const actor = rng.pick(participants)
  const foreign = [...ctx.model.entries()].filter(([, c]) => !c.deleted && c.owner !== actor.userId)
  if (foreign.length === 0) return false
  const [id, card] = rng.pick(foreign)
  const op = rng.chance(0.5) ? 'delete' : 'edit'
  const current = actor.client.records.get(id) as IdeaCardShape
  if (op === 'delete') actor.client.records.delete(id)
  else actor.client.records.set(id, { ...current, props: { ...current.props, text: `${actor.name} überschreibt` } })
  ctx.note(`refused: ${actor.name} tries to ${op} ${id}, not hers`)
  ctx.count(`refused ${op}`)
  await serverRoundTrip(actor.client.provider)
  // Her own tab gets the card back too (the compensation reaches the writer).
  await waitFor(() => honest.every((h) => matches(h.client.records.get(id), card)), {
    timeout: 5_000,
    what: `${id} put back for everyone after ${actor.name}'s refused ${op}`,
  })
  return true
}

/**
 * A tab reloads: a new Yjs client id, the document from its cache (y-indexeddb) — now and then
 * with a write made offline that nobody has yet — connecting to any instance.
 */
export async function reloadStep(ctx: CrossingContext): Promise<boolean> {
  const { rng, honest } = ctx
  const person = rng.pick(honest)
  const offline = rng.chance(0.5)
  let written: string | null = null
  if (offline) {
    person.client.provider.disconnect()
    const own = [...ctx.model.entries()].filter(([, c]) => !c.deleted && c.owner === person.userId)
    const text = `${person.name} offline: ${rng.word()}`
    if (own.length > 0 && rng.chance(0.5)) {
      const [id, card] = rng.pick(own)
      const current = person.client.records.get(id) as IdeaCardShape
      person.client.records.set(id, { ...current, props: { ...current.props, text } })
      card.text = text
      written = id
    } else {
      const id = `shape:fuzz-offline-${rng.int(2 ** 31).toString(36)}`
      const template = [...person.client.records.map.values()]
        .map((e) => e.val as IdeaCardShape)
        .find((r) => r.typeName === 'shape')
      if (template) {
        person.client.records.set(id, {
          ...template,
          id: id as IdeaCardShape['id'],
          x: rng.int(2000),
          y: rng.int(2000),
          props: { ...template.props, text, authorId: person.userId, author: person.name },
        })
        ctx.model.set(id, { owner: person.userId, text, deleted: false })
        written = id
      }
    }
  }
  const cache = Y.encodeStateAsUpdate(person.client.doc)
  person.client.destroy()
  const doc = new Y.Doc()
  Y.applyUpdate(doc, cache)
  const server = rng.pick(ctx.servers)
  ctx.note(
    `reload ${person.name} from cache as ${doc.clientID} on instance ${ctx.servers.indexOf(server)}` +
      (written ? `, with an offline write to ${written}` : ''),
  )
  ctx.count(offline ? 'reload after an offline write' : 'reload')
  person.client = await connectClient(server.url, ctx.boardId, person.token, { doc })
  person.client.provider.awareness.setLocalStateField('user', { name: person.name, color: '#36c' })
  person.server = server
  if (written) {
    const expected = { ...ctx.model.get(written)! }
    await waitFor(() => honest.every((h) => matches(h.client.records.get(written), expected)), {
      timeout: 5_000,
      what: `${person.name}'s offline write to ${written} at every honest client`,
    })
  }
  return true
}

/**
 * Waits until every honest client and every room holds the same version of `id` and it is one
 * the rules allow, and still after every client's round trip (a relayed write may be on its way
 * while all happen to agree), and returns it. Fails naming what each one holds.
 */
async function settle(
  ctx: CrossingContext,
  id: string,
  allowed: (record: TLRecord | undefined) => boolean,
): Promise<TLRecord | undefined> {
  const views = () => [
    ...ctx.honest.map((h) => ({ where: `${h.name}'s client`, record: h.client.records.get(id) })),
    ...ctx.roomRecords().map((room) => ({ where: room.where, record: room.get(id) })),
  ]
  const done = () => {
    const seen = views()
    return new Set(seen.map((v) => JSON.stringify(v.record ?? null))).size === 1 && allowed(seen[0]!.record)
  }
  try {
    for (let round = 0; round < 2; round++) {
      await Promise.all(ctx.honest.map((h) => serverRoundTrip(h.client.provider)))
      await waitFor(done, { timeout: 5_000, what: `everyone holding an allowed ${id}` })
    }
  } catch {
    const seen = views().map((v) => `${v.where}: ${JSON.stringify(summarise(v.record))}`)
    throw new Error(`${id} did not converge to what the rules allow: ${seen.join('; ')}`)
  }
  return ctx.honest[0]!.client.records.get(id)
}
