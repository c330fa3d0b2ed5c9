import { PassThrough, type Readable } from 'node:stream'
import { Worker } from 'node:worker_threads'
import type { ExportReply, ExportTask } from './exportWorker.ts'
import type { BoardExportFormat, BoardExportJob } from './renderExport.ts'

type TaskBody =
  | { kind: 'board'; format: BoardExportFormat; job: BoardExportJob }
  | { kind: 'workshop'; jobs: BoardExportJob[]; now: number }

interface Pending {
  stream: PassThrough
  started: boolean
  resolve: (stream: Readable) => void
  reject: (error: Error) => void
}

/**
 * Runs exports in one long-lived worker thread (fonts and libraries load once) and streams
 * each result. The promise resolves with the stream at the first chunk, so a build that
 * fails early still becomes a proper error response rather than a cut-off download.
 */
export class ExportRunner {
  private worker: Worker | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()

  run(task: TaskBody): Promise<Readable> {
    const id = this.nextId++
    return new Promise<Readable>((resolve, reject) => {
      this.pending.set(id, { stream: new PassThrough(), started: false, resolve, reject })
      // Copying the message to the worker happens on this thread: the raw records are only
      // needed for the JSON backup, so the board formats leave them behind.
      const slim =
        task.kind === 'board' && task.format !== 'json' ? { ...task, job: { ...task.job, records: [] } } : task
      this.ensureWorker().postMessage({ ...slim, id } as ExportTask)
    })
  }

  /** Stops the worker; exports still running fail. */
  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.failAll(new Error('Export worker stopped'))
    if (worker) await worker.terminate()
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./exportWorker.ts', import.meta.url))
    // An idle export worker must not keep the server process (or a test run) alive.
    worker.unref()
    worker.on('message', (reply: ExportReply) => this.onReply(reply))
    worker.on('error', (error) => {
      if (this.worker === worker) this.worker = null
      this.failAll(error)
    })
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null
      this.failAll(new Error('Export worker exited'))
    })
    this.worker = worker
    return worker
  }

  private onReply(reply: ExportReply): void {
    const pending = this.pending.get(reply.id)
    if (!pending) return
    if (reply.type === 'chunk') {
      pending.stream.write(Buffer.from(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength))
      if (!pending.started) {
        pending.started = true
        pending.resolve(pending.stream)
      }
      return
    }
    this.pending.delete(reply.id)
    if (reply.type === 'end') {
      if (!pending.started) pending.resolve(pending.stream)
      pending.stream.end()
      return
    }
    const error = new Error(reply.message)
    if (pending.started) pending.stream.destroy(error)
    else pending.reject(error)
  }

  private failAll(error: Error): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id)
      if (pending.started) pending.stream.destroy(error)
      else pending.reject(error)
    }
  }
}
