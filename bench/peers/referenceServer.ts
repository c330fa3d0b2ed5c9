/**
 * The reference y-websocket server (`@y/websocket-server` 0.1.1, the last release on Yjs 13) as
 * shipped: its own `setupWSConnection` on a plain HTTP server, in-memory documents, no auth.
 * Mirrors the package's `server.js`, but listens on a free port and reports it as a JSON line.
 */
import http from 'node:http'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'

const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end('okay')
})
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number }
  console.log(JSON.stringify({ ready: true, url: `ws://127.0.0.1:${address.port}` }))
})
process.on('SIGTERM', () => process.exit(0))
