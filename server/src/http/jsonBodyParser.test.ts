import { afterAll, describe, expect, it } from 'vitest'
import { JsonWorker } from './jsonBodyParser.ts'

/** A board export's shape: tens of thousands of records in one array. */
function bigBoard(records: number) {
  return {
    meta: { board: { title: 'Import' } },
    document: {
      schema: { schemaVersion: 2 },
      records: Array.from({ length: records }, (_, i) => ({
        id: `shape:${i}`,
        typeName: 'shape',
        x: i * 1.5,
        props: { text: 'Lorem ipsum dolor sit amet '.repeat(12), tags: [1, 2, 3] },
        meta: {},
      })),
      comments: [],
    },
    wide: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i])),
  }
}

/** How often a 1 ms timer ran while `work` ran, and the longest the event loop was blocked. */
async function loopDuring(work: () => Promise<unknown> | unknown): Promise<{ ticks: number; longestMs: number }> {
  let ticks = 0
  let longestMs = 0
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    ticks++
    longestMs = Math.max(longestMs, now - last)
    last = now
  }, 1)
  await new Promise((resolve) => setTimeout(resolve, 20))
  ticks = 0
  last = performance.now()
  await work()
  const during = ticks
  clearInterval(timer)
  return { ticks: during, longestMs: Math.max(longestMs, performance.now() - last) }
}

describe('JsonWorker', () => {
  const worker = new JsonWorker()
  afterAll(() => worker.close())

  it('parses large bodies to the same value as JSON.parse', async () => {
    const value = bigBoard(5000)
    const parsed = await worker.parse(Buffer.from(JSON.stringify(value)))
    expect(parsed).toEqual(value)
    expect(await worker.parse(Buffer.from('[1,{"a":[2,3]},"x"]'))).toEqual([1, { a: [2, 3] }, 'x'])
  })

  it('refuses prototype poisoning and invalid JSON with a 400', async () => {
    for (const text of ['{"a":{"__proto__":{"x":1}}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":', '']) {
      await expect(worker.parse(Buffer.from(text))).rejects.toMatchObject({ statusCode: 400 })
    }
  })

  it('keeps the event loop free while a ~20 MB import is parsed', async () => {
    const text = JSON.stringify(bigBoard(40_000))
    expect(text.length).toBeGreaterThan(15_000_000)
    await worker.parse(Buffer.from('[]')) // the thread's start-up is not what is measured
    const onThread = await loopDuring(() => JSON.parse(text))
    const bytes = Buffer.from(text)
    const offThread = await loopDuring(() => worker.parse(bytes))
    console.log(
      `longest event-loop stall: JSON.parse ${onThread.longestMs.toFixed(0)} ms, ` +
        `worker ${offThread.longestMs.toFixed(0)} ms (${offThread.ticks} timer ticks during it)`,
    )
    // Parsed on the main thread, no timer runs until it is done; in the worker the loop keeps
    // turning (timings alone are too noisy on a shared 2-core machine to assert on).
    expect(onThread.ticks).toBe(0)
    expect(offThread.ticks).toBeGreaterThan(20)
  })
})
