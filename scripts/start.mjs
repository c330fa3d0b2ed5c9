// `pnpm start`: build the web app if it is missing or older than its sources, then serve
// everything (web app, API, WebSocket) from one Node process.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkNode } from './checkNode.mjs'

checkNode()
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

const builtIndex = path.join(root, 'client/dist/index.html')
const sources = ['client/src', 'client/index.html', 'client/vite.config.ts', 'shared/src'].map((p) =>
  path.join(root, p),
)
const sourceTime = Math.max(
  ...sources.filter(existsSync).map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)),
)
if (!existsSync(builtIndex) || statSync(builtIndex).mtimeMs < sourceTime) {
  console.log('Building the web app (once after each change)…')
  const build = spawnSync('pnpm', ['--filter', '@pinnwand/client', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const server = spawn(process.execPath, [path.join(root, 'server/src/main.ts')], { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
