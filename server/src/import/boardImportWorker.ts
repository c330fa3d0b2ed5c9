import { getBoardSchema } from '@pinnwand/shared'
import { parentPort } from 'node:worker_threads'
import { buildImportedBoard, type ImportedBoard, type ImportInput } from './buildImportedBoard.ts'

/**
 * Worker thread entry: parses, checks and builds an imported board off the server's event loop
 * (a 20 MiB backup of 33,000 cards takes seconds of CPU). The document comes back as one
 * transferred Yjs update, so handing it over costs the main thread nothing.
 */
export type BoardImportTask = { id: number } & ImportInput
export type BoardImportReply = { id: number; result: ImportedBoard }

const port = parentPort
if (port) {
  const schema = getBoardSchema()
  port.on('message', (task: BoardImportTask) => {
    let result: ImportedBoard
    try {
      result = buildImportedBoard(schema, task)
    } catch (error) {
      // A bug, not a bad file: the route answers 500 and logs it.
      result = { ok: false, status: 500, code: 'internal_error', message: String((error as Error)?.stack ?? error) }
    }
    port.postMessage(
      { id: task.id, result } satisfies BoardImportReply,
      result.ok ? [result.update.buffer as ArrayBuffer, ...result.images.map((i) => i.data.buffer as ArrayBuffer)] : [],
    )
  })
}
