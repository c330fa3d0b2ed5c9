import { Worker } from 'node:worker_threads'
import { ErrorCode } from '@pinnwand/shared'
import type { FastifyInstance } from 'fastify'
import { ApiError } from './errors.ts'

/**
 * Bodies above this are parsed in a worker thread: JSON.parse of a board import of tens of MB
 * holds the event loop for hundreds of milliseconds, and every drag on every board waits.
 */
export const OFF_THREAD_JSON_BYTES = 1024 * 1024

/**
 * A large body left unparsed for a route that declares `config: { largeJsonAsBytes: true }`:
 * the board import parses, checks and builds the board in a worker of its own, so rebuilding
 * the parsed value on the main thread here would only cost time.
 */
export class UnparsedJson {
  readonly bytes: Uint8Array
  constructor(bytes: Uint8Array) {
    this.bytes = bytes
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Bodies of OFF_THREAD_JSON_BYTES and more arrive as `UnparsedJson`. */
    largeJsonAsBytes?: boolean
  }
}

// Plain JavaScript, evaluated in the worker: no loader, no TypeScript. `__proto__` keys are
// refused as fastify's own parser does (prototype poisoning). Handing the parsed value back by
// structured clone would cost the main thread more than parsing (v8.deserialize of a 22 MB
// board: 1.9 s against 0.55 s for JSON.parse), so large arrays and objects come back as batches
// of JSON text ("holes") that the main thread parses a slice at a time, yielding in between.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
const BATCH = ${256}
function reviver(key, value) {
  if (key === '__proto__') throw new SyntaxError('Object contains forbidden prototype property')
  if (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value)
    throw new SyntaxError('Object contains forbidden prototype property')
  return value
}
function carve(value, path, holes, depth) {
  if (value === null || typeof value !== 'object' || depth > 32) return value
  if (Array.isArray(value)) {
    if (value.length > BATCH) {
      const batches = []
      for (let i = 0; i < value.length; i += BATCH) batches.push(JSON.stringify(value.slice(i, i + BATCH)))
      holes.push({ path, kind: 'array', batches })
      return null
    }
    return value.map((item, i) => carve(item, path.concat(i), holes, depth + 1))
  }
  const keys = Object.keys(value)
  if (keys.length > BATCH) {
    const batches = []
    for (let i = 0; i < keys.length; i += BATCH) {
      const part = {}
      for (const key of keys.slice(i, i + BATCH)) part[key] = value[key]
      batches.push(JSON.stringify(part))
    }
    holes.push({ path, kind: 'object', batches })
    return null
  }
  for (const key of keys) value[key] = carve(value[key], path.concat(key), holes, depth + 1)
  return value
}
parentPort.on('message', ({ id, bytes }) => {
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes), reviver)
    const holes = []
    const skeleton = JSON.stringify(carve(value, [], holes, 0))
    parentPort.postMessage({ id, ok: true, skeleton, holes })
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: String(error && error.message) })
  }
})
`

interface Hole {
  path: (string | number)[]
  kind: 'array' | 'object'
  batches: string[]
}

/** Main-thread time per slice before yielding to sockets and other requests. */
const SLICE_MS = 8

/** Puts the parsed batches back into the skeleton, yielding to the event loop between slices. */
async function fillHoles(skeleton: unknown, holes: Hole[]): Promise<unknown> {
  let root = skeleton
  let sliceStart = performance.now()
  // Holes never nest (the worker does not descend into a container it turned into batches).
  for (const hole of holes) {
    let filled: unknown[] | Record<string, unknown> = hole.kind === 'array' ? [] : {}
    for (const batch of hole.batches) {
      const part = JSON.parse(batch) as unknown[] | Record<string, unknown>
      if (Array.isArray(filled)) for (const item of part as unknown[]) filled.push(item)
      else filled = Object.assign(filled, part)
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve))
        sliceStart = performance.now()
      }
    }
    if (hole.path.length === 0) root = filled
    else {
      let parent = root as Record<string | number, unknown>
      for (const key of hole.path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
      parent[hole.path.at(-1)!] = filled
    }
  }
  return root
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void }

/** One lazily started worker; requests queue in it (imports are rare, one thread is plenty). */
export class JsonWorker {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 0

  async parse(bytes: Uint8Array): Promise<unknown> {
    const worker = this.start()
    const id = this.nextId++
    // A copy the worker can own: fastify's buffer may be a slice of a shared pool.
    const copy = new Uint8Array(bytes)
    const { skeleton, holes } = await new Promise<{ skeleton: string; holes: Hole[] }>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.postMessage({ id, bytes: copy }, [copy.buffer])
    })
    return fillHoles(JSON.parse(skeleton), holes)
  }

  close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    return worker ? worker.terminate().then(() => undefined) : Promise.resolve()
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(WORKER_SOURCE, { eval: true })
    worker.unref()
    worker.on(
      'message',
      (message: { id: number; ok: boolean; skeleton?: string; holes?: Hole[]; message?: string }) => {
        const waiting = this.pending.get(message.id)
        this.pending.delete(message.id)
        if (message.ok) waiting?.resolve({ skeleton: message.skeleton, holes: message.holes })
        else waiting?.reject(new ApiError(400, ErrorCode.badRequest, `Invalid JSON: ${message.message}`))
      },
    )
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null
      for (const waiting of this.pending.values()) waiting.reject(error)
      this.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', () => fail(new Error('JSON worker exited')))
    this.worker = worker
    return worker
  }
}

/**
 * `application/json` for every route: small bodies with fastify's own parser, large ones (only
 * the import routes allow them) in the worker. Route body limits apply before either.
 */
export function registerJsonParser(app: FastifyInstance): void {
  const small = app.getDefaultJsonParser('error', 'error')
  const worker = new JsonWorker()
  app.removeContentTypeParser('application/json')
  app.addHook('onClose', () => worker.close())
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer
    if (bytes.byteLength < OFF_THREAD_JSON_BYTES) return small(request, bytes.toString('utf8'), done)
    if (request.routeOptions.config.largeJsonAsBytes) return done(null, new UnparsedJson(bytes))
    worker.parse(bytes).then(
      (value) => done(null, value),
      (error: Error) => done(error, undefined),
    )
  })
}
