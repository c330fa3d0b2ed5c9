#!/usr/bin/env node
// The README's two commands: `node scripts/quickstart.mjs` installs, builds and starts;
// `node scripts/quickstart.mjs test` installs and runs every test.
// Written for any Node >= 18 with npm (Debian 12 ships 18, many machines 20), as a normal user:
// when this Node is older than the project's minimum or pnpm 10 is missing, the same steps run
// under Node 24 and pnpm 10 that npx fetches from the npm registry into the user's npm cache —
// nothing installed globally, no root, the machine's Node untouched.
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { MIN_NODE, nodeIsSupported } from './checkNode.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const task = process.argv[2] ?? 'start'
const STEPS = {
  // exec: the server replaces the shell, so a signal to this script's child reaches it directly.
  start: 'pnpm install --frozen-lockfile && pnpm build && exec node scripts/start.mjs',
  test: 'pnpm install --frozen-lockfile && pnpm test',
}
const steps = STEPS[task]
if (!steps) {
  console.error(`Unknown task "${task}". Use: node scripts/quickstart.mjs [start|test]`)
  process.exit(2)
}

function hasPnpm10() {
  const result = spawnSync('pnpm', ['-v'], { encoding: 'utf8', shell: process.platform === 'win32' })
  return result.status === 0 && /^10\./.test(result.stdout.trim())
}

const nodeOk = nodeIsSupported(process.versions.node)
const pnpmOk = nodeOk && hasPnpm10()
let command
if (nodeOk && pnpmOk) {
  command = steps
} else {
  const packages = nodeOk ? ['-p', 'pnpm@10'] : ['-p', 'node@24', '-p', 'pnpm@10']
  console.log(
    nodeOk
      ? 'quickstart: pnpm 10 not found, running with pnpm 10 from the npm registry (npx)'
      : `quickstart: Node ${process.versions.node} is older than ${MIN_NODE}; running with Node 24 and pnpm 10 from the npm registry (npx)`,
  )
  // exec: the shell becomes npx, which passes signals on to the steps it runs.
  command = `exec npx -y ${packages.join(' ')} -c '${steps}'`
}

const child = spawn(command, { cwd: root, stdio: 'inherit', shell: true })
// Pass a supervisor's or the terminal's signal on; the server flushes and exits, then so do we.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
