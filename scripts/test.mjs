// `pnpm test`: everything a user needs to trust a change — unit and integration tests
// (vitest, real server, real y-websocket clients, real databases where configured) and the
// end-to-end suite in real Chromium. Prints one summary line "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkNode } from './checkNode.mjs'

checkNode()
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const only = process.argv[2] // optional: "unit" or "e2e"
const run = (cmd, args, cwd = root) => spawnSync(cmd, args, { cwd, stdio: 'inherit', env: process.env }).status ?? 1

const totals = { passed: 0, failed: 0, skipped: 0 }
let exitCode = 0

if (only !== 'e2e') {
  // Types first: strict TypeScript across every package is part of what a change must pass.
  exitCode ||= run('pnpm', ['-s', 'typecheck'])
  const report = path.join(root, '.vitest-reports/results.json')
  mkdirSync(path.dirname(report), { recursive: true })
  rmSync(report, { force: true })
  exitCode ||= run('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'))
    totals.passed += r.numPassedTests
    totals.failed += r.numFailedTests
    const skipped = r.numPendingTests + (r.numTodoTests ?? 0)
    totals.skipped += skipped
    // CI sets DATABASE_URL/REDIS_URL: a skipped PostgreSQL or Redis suite there is a failure.
    if (process.env.PINNWAND_REQUIRE_EXTERNAL_SUITES === '1' && skipped > 0) {
      console.error(`\n${skipped} tests were skipped although DATABASE_URL/REDIS_URL are set: failing.`)
      exitCode ||= 1
    }
  } else exitCode ||= 1
}

if (only !== 'unit') {
  exitCode ||= run('pnpm', ['--filter', '@pinnwand/client', 'build'])
  const report = path.join(root, 'e2e/test-results/results.json')
  rmSync(report, { force: true })
  exitCode ||= run('pnpm', ['exec', 'playwright', 'test'], path.join(root, 'e2e'))
  if (existsSync(report)) {
    const s = JSON.parse(readFileSync(report, 'utf8')).stats
    totals.passed += s.expected
    totals.failed += s.unexpected
    totals.skipped += s.skipped
    totals.flaky = s.flaky
  } else exitCode ||= 1
}

if (totals.failed > 0) exitCode ||= 1
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(exitCode)
