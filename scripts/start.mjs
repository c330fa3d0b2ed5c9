// `pnpm start` (or `node scripts/start.mjs`): serve the built web app, the API and the WebSocket
// from this one Node process. It never builds: production hosts carry no build tools and a
// supervisor must not wait for Vite (`pnpm build` makes client/dist; the Dockerfile does it).
// The server runs in this process rather than a child, so a signal from a supervisor reaches
// the server itself: it flushes every board and exits, leaving no orphan behind.
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkNode } from './checkNode.mjs'

checkNode()
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const clientDist = path.resolve(process.env.CLIENT_DIST ?? path.join(root, 'client/dist'))
const builtIndex = path.join(clientDist, 'index.html')

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

if (!existsSync(builtIndex)) {
  console.error(`The web app is not built (${builtIndex} is missing). Run: pnpm build`)
  process.exit(1)
}
// In a development checkout only (a production image has no client sources): say when the
// build is older than the sources instead of silently serving yesterday's app.
const sources = path.join(root, 'client/src')
if (existsSync(sources) && statSync(builtIndex).mtimeMs < newestMtime(sources)) {
  console.warn('Note: the web app build is older than its sources; run pnpm build (or pnpm dev while developing).')
}

// Started by pnpm (`pnpm start`): pnpm does not wait for its script on SIGTERM. Should it ever
// go away without passing the signal on, shut down as if signalled instead of running on as
// an orphan that nobody supervises.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM')
  }, 500).unref()
}

await import('../server/src/main.ts')
