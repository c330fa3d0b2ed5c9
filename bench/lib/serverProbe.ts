/**
 * Preloaded into our server's process by the bench only (`node --expose-gc --import …`), never
 * by the product: answers the bench's IPC probe with the process' memory after a full GC, so
 * the heap of a loaded board can be measured without a debug endpoint in the server.
 */
const gc = (globalThis as { gc?: () => void }).gc

process.on('message', (message: { type?: string; id?: number }) => {
  if (message?.type !== 'probe') return
  gc?.()
  const { heapUsed, heapTotal, rss, external, arrayBuffers } = process.memoryUsage()
  process.send?.({ type: 'probe', id: message.id, heapUsed, heapTotal, rss, external, arrayBuffers })
})
// The IPC channel must not keep the server alive on its own (graceful shutdown exits anyway).
;(process.channel as { unref?: () => void } | undefined)?.unref?.()
