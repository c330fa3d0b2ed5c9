/**
 * Preloaded into our server's process by the bench only (`node --expose-gc --import …`), never
 * by the product: answers the bench's IPC probe with the process' memory after a full GC, so
 * the heap of a loaded board can be measured without a debug endpoint in the server; and, when
 * asked, times every HTTP request inside the server (from its parsed head to its answer
 * written), so a scenario can tell the server's own time from waiting before it.
 */
import http from 'node:http'

const gc = (globalThis as { gc?: () => void }).gc
const now = () => Number(process.hrtime.bigint()) / 1e6

/** Requests timed since `http-timing` started: [method, path, ms]. */
let timings: [string, string, number][] | null = null
const MAX_TIMINGS = 200_000

const emit = http.Server.prototype.emit
http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
  if (event === 'request' && timings) {
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse]
    const started = now()
    const into = timings
    res.once('finish', () => {
      if (into.length < MAX_TIMINGS) into.push([req.method ?? '', (req.url ?? '').split('?')[0]!, now() - started])
    })
  }
  return (emit as (event: string | symbol, ...args: unknown[]) => boolean).call(this, event, ...args)
} as typeof http.Server.prototype.emit

process.on('message', (message: { type?: string; id?: number; on?: boolean }) => {
  if (message?.type === 'probe') {
    gc?.()
    const { heapUsed, heapTotal, rss, external, arrayBuffers } = process.memoryUsage()
    process.send?.({ type: 'probe', id: message.id, heapUsed, heapTotal, rss, external, arrayBuffers })
  } else if (message?.type === 'http-timing') {
    // on: start timing (afresh); off: stop and answer with what was timed.
    const timed = timings ?? []
    timings = message.on ? [] : null
    process.send?.({ type: 'http-timing', id: message.id, timings: message.on ? [] : timed })
  }
})
// The IPC channel must not keep the server alive on its own (graceful shutdown exits anyway).
;(process.channel as { unref?: () => void } | undefined)?.unref?.()
