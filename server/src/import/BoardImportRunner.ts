import { Worker } from 'node:worker_threads'
import type { BoardImportReply, BoardImportTask } from './boardImportWorker.ts'
import type { ImportedBoard, ImportInput } from './buildImportedBoard.ts'

type Pending = { resolve: (result: ImportedBoard) => void; reject: (error: Error) => void }

/**
 * Builds imported boards in one lazily started worker thread (imports are rare; they queue in
 * it). Raw bytes are transferred, not copied; a small body already parsed by fastify is cloned.
 */
export class BoardImportRunner {
  private worker: Worker | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()

  build(input: ImportInput): Promise<ImportedBoard> {
    const id = this.nextId++
    return new Promise<ImportedBoard>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      if ('bytes' in input) {
        // Transferred, not copied, when the body owns its whole buffer (a large body does);
        // otherwise a copy the worker can own (a small buffer may be a slice of a shared pool).
        const own = input.bytes.byteOffset === 0 && input.bytes.byteLength === input.bytes.buffer.byteLength
        const bytes = own ? input.bytes : new Uint8Array(input.bytes)
        this.ensureWorker().postMessage({ id, bytes, boardId: input.boardId } satisfies BoardImportTask, [
          bytes.buffer as ArrayBuffer,
        ])
      } else this.ensureWorker().postMessage({ id, body: input.body, boardId: input.boardId } satisfies BoardImportTask)
    })
  }

  /** Stops the worker; imports still running fail. */
  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.failAll(new Error('Import worker stopped'))
    if (worker) await worker.terminate()
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./boardImportWorker.ts', import.meta.url))
    // An idle import worker must not keep the server process (or a test run) alive.
    worker.unref()
    worker.on('message', ({ id, result }: BoardImportReply) => {
      const pending = this.pending.get(id)
      this.pending.delete(id)
      pending?.resolve(result)
    })
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null
      this.failAll(error)
    }
    worker.on('error', fail)
    worker.on('exit', () => fail(new Error('Import worker exited')))
    this.worker = worker
    return worker
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
  }
}
