// `pnpm dev`: the API server (restarted by `node --watch` when server or shared code changes)
// and Vite's dev server with hot reload, which proxies /api, /ws and /healthz to it
// (client/vite.config.ts). Open the address Vite prints (http://localhost:5173).
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkNode } from './checkNode.mjs'

checkNode()
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const apiPort = process.env.PORT ?? '8080'
if (apiPort !== '8080') console.warn('pnpm dev: Vite proxies to port 8080 (client/vite.config.ts); PORT is ignored.')

const children = [
  spawn(process.execPath, ['--watch', 'server/src/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: '8080' },
  }),
  spawn('pnpm', ['--filter', '@pinnwand/client', 'exec', 'vite'], { cwd: root, stdio: 'inherit' }),
]

let stopping = false
function stop(code) {
  if (stopping) return
  stopping = true
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() =>
    process.exit(code),
  )
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0))
// One half gone (a crash, a port in use) ends the other too: a dev server without its API
// would only show confusing errors.
for (const child of children) child.on('exit', (code) => stop(code ?? 1))
