import { parentPort } from 'node:worker_threads'
import { type BoardExportFormat, type BoardExportJob, buildWorkshopZip, renderBoardExport } from './renderExport.ts'

/**
 * Worker thread entry: builds heavy exports (PDF, DOCX, PNG, ZIP) off the server's event loop,
 * so a 2,000-card PDF does not stall the sync of every other board. Bytes go back in chunks.
 */
export type ExportTask =
  | { id: number; kind: 'board'; format: BoardExportFormat; job: BoardExportJob }
  | { id: number; kind: 'workshop'; jobs: BoardExportJob[]; now: number }

export type ExportReply =
  | { id: number; type: 'chunk'; data: Uint8Array }
  | { id: number; type: 'end' }
  | { id: number; type: 'error'; message: string }

const port = parentPort
if (port) {
  port.on('message', (task: ExportTask) => {
    const send = (data: Uint8Array) => {
      // Copy into a buffer of its own so it can be transferred without copying again.
      const own = new Uint8Array(data)
      port.postMessage({ id: task.id, type: 'chunk', data: own } satisfies ExportReply, [own.buffer])
    }
    const work =
      task.kind === 'board'
        ? renderBoardExport(task.format, task.job, send)
        : buildWorkshopZip(task.jobs, task.now).then(send)
    work.then(
      () => port.postMessage({ id: task.id, type: 'end' } satisfies ExportReply),
      (error: unknown) =>
        port.postMessage({
          id: task.id,
          type: 'error',
          message: error instanceof Error ? error.message : String(error),
        } satisfies ExportReply),
    )
  })
}
