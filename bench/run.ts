/**
 * `pnpm bench`: runs every benchmark in turn and prints one JSON object per line.
 * Benchmarks are measurements, not tests: they never fail a build.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'

const only = process.argv[2]
const benches = ['cardLatency.ts', 'exportPdf.ts'].filter((file) => existsSync(path.join(import.meta.dirname, file)))

for (const file of benches) {
  if (only && !file.startsWith(only)) continue
  // Each in its own process, so one benchmark's heap and timers don't colour the next.
  const result = spawnSync(process.execPath, [path.join(import.meta.dirname, file)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = result.stdout.toString().trim().split('\n').filter((l) => l.startsWith('{'))
  for (const line of lines) console.log(line)
  if (result.status !== 0) console.log(JSON.stringify({ bench: file, error: `exited with ${result.status}` }))
}
