/**
 * Hocuspocus (`@hocuspocus/server` 4.x on Yjs 13) with its default configuration: in-memory
 * documents, no extensions, no auth. Listens on a free port and reports it as a JSON line.
 */
import { Server } from '@hocuspocus/server'

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true })
await server.listen()
console.log(JSON.stringify({ ready: true, url: `ws://127.0.0.1:${server.address.port}` }))
process.on('SIGTERM', () => {
  void server.destroy().finally(() => process.exit(0))
})
