import { IDEA_CARD_TYPE } from '@pinnwand/shared'
import { SampleTexts } from '../../server/src/export/sampleBoard.ts'
import { monotonicMs } from '../lib/stats.ts'
import { type BenchClient, type ClientSpec, connectClient } from './clientAdapters.ts'
import { type BoardRecord, ideaCardRecord, indexKey } from './cards.ts'

/** What one person does in an hour of workshop, in record writes as the web app makes them. */
export interface PersonScript {
  /** Cards written, each typed one keystroke (one record write) at a time. */
  cards: number
  /** Characters typed per card (the text is cut from the sample texts). */
  charsPerCard: number
  /** Drags of any idea card on the board, one write per animation frame. */
  drags: number
  framesPerDrag: number
  /** Later edits of one's own cards, in keystrokes each. */
  edits: number
  keystrokesPerEdit: number
  /** Own cards deleted again. */
  deletes: number
}

export interface GrowthPlan {
  persons: ClientSpec[]
  script: PersonScript
  /** People active at the same time in this worker (the rest wait their turn). */
  concurrency: number
  /** Pause between two writes of one person (compressed time). */
  stepMs: number
  /** monotonicMs() after which nobody new starts (a starved machine must not run for hours). */
  deadlineAt: number
}

export interface GrowthReport {
  persons: number
  writes: number
  failedPersons: number
  /** People who never started because the deadline had passed. */
  skippedPersons: number
  cardsCreated: number
  cardsDeleted: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}
const pick = <T>(items: T[]): T | undefined => items[Math.floor(Math.random() * items.length)]

/**
 * A long session in compressed time: each person connects, types their cards keystroke by
 * keystroke, drags cards around frame by frame, edits and deletes some of their own, and
 * leaves. Everything goes through our server, which checks every write as usual.
 */
export async function runGrowth(plan: GrowthPlan): Promise<GrowthReport> {
  const queue = [...plan.persons]
  let writes = 0
  let failedPersons = 0
  const tally = { created: 0, deleted: 0 }
  const personWorker = async () => {
    while (queue.length > 0 && monotonicMs() < plan.deadlineAt) {
      const spec = queue.shift()!
      const client = connectClient(spec)
      try {
        if (!(await synced(client, 30_000))) {
          failedPersons++
          continue
        }
        const written = await actOut(client, plan.script, plan.stepMs, tally)
        writes += written
        await sleep(300) // let the last writes leave before the socket closes
      } finally {
        client.destroy()
      }
    }
  }
  await Promise.all(Array.from({ length: plan.concurrency }, personWorker))
  return {
    persons: plan.persons.length,
    writes,
    failedPersons,
    skippedPersons: queue.length,
    cardsCreated: tally.created,
    cardsDeleted: tally.deleted,
  }
}

async function synced(client: BenchClient, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (!client.synced) {
    if (performance.now() > deadline) return false
    await sleep(50)
  }
  return true
}

/** One person's hour; returns the number of record writes. */
async function actOut(
  client: BenchClient,
  script: PersonScript,
  stepMs: number,
  tally: { created: number; deleted: number },
): Promise<number> {
  const { records, spec } = client
  const me = { userId: spec.userId, name: spec.name }
  const mine: string[] = []
  let writes = 0
  const write = async (id: string, record: BoardRecord | null) => {
    if (record) records.set(id, record)
    else records.delete(id)
    writes++
    await sleep(stepMs)
  }
  const update = (id: string, change: (r: Record<string, any>) => Record<string, unknown>) => {
    const current = records.get(id) as Record<string, any> | undefined
    return current ? ({ ...current, ...change(current) } as BoardRecord) : null
  }
  const ideaCards = () =>
    [...records.map.entries()].filter(([, e]) => (e.val as { type?: string }).type === IDEA_CARD_TYPE).map(([id]) => id)

  // Activities interleave as in a real session: write a card, move some, and so on.
  const cardSteps: (() => Promise<void>)[] = []
  for (let c = 0; c < script.cards; c++) {
    cardSteps.push(async () => {
      const id = `shape:${spec.userId}-${c}`
      const text = SampleTexts[(spec.index + c) % SampleTexts.length]!.repeat(3).slice(0, script.charsPerCard)
      const position = { x: Math.random() * 8000, y: Math.random() * 5000 }
      const card = ideaCardRecord(id, me, '', position) as BoardRecord & { index: string }
      await write(id, { ...card, index: indexKey(Math.floor(Math.random() * 3000)) } as BoardRecord)
      mine.push(id)
      tally.created++
      for (let k = 1; k <= text.length; k++)
        await write(
          id,
          update(id, (r) => ({ props: { ...r.props, text: text.slice(0, k) } })),
        )
    })
  }
  const dragSteps: (() => Promise<void>)[] = []
  for (let d = 0; d < script.drags; d++) {
    dragSteps.push(async () => {
      const id = pick(ideaCards())
      if (!id) return
      const dx = (Math.random() - 0.5) * 60
      const dy = (Math.random() - 0.5) * 60
      for (let f = 0; f < script.framesPerDrag; f++) {
        const moved = update(id, (r) => ({ x: r.x + dx, y: r.y + dy }))
        if (!moved) return // someone deleted it meanwhile
        await write(id, moved)
      }
    })
  }
  const editSteps: (() => Promise<void>)[] = []
  for (let e = 0; e < script.edits; e++) {
    editSteps.push(async () => {
      const id = pick(mine.filter((m) => records.has(m)))
      if (!id) return
      for (let k = 0; k < script.keystrokesPerEdit; k++) {
        await write(
          id,
          update(id, (r) => ({
            props: { ...r.props, text: k % 3 === 2 ? r.props.text.slice(0, -1) : `${r.props.text}!` },
          })),
        )
      }
    })
  }
  const deleteSteps: (() => Promise<void>)[] = []
  for (let x = 0; x < script.deletes; x++) {
    deleteSteps.push(async () => {
      const id = mine.shift()
      if (!id || !records.has(id)) return
      await write(id, null)
      tally.deleted++
    })
  }
  // First a card of one's own, then everything else in random order; deletions at the end.
  const [firstCard, ...rest] = cardSteps
  const order = [...(firstCard ? [firstCard] : []), ...shuffle([...rest, ...dragSteps, ...editSteps]), ...deleteSteps]
  for (const step of order) await step()
  return writes
}
