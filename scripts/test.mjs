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
  // Not silent: a type error must be visible in CI's log, not only its exit code.
  exitCode ||= run('pnpm', ['typecheck'])
  if (exitCode) console.error('\ntypecheck failed: unit and e2e tests were not run.')
  // Lint guards the layers (import boundaries), hooks and accessibility; prettier the format.
  if (!exitCode) {
    exitCode ||= run('pnpm', ['lint'])
    if (exitCode) console.error('\nlint failed: unit and e2e tests were not run.')
  }
  const report = path.join(root, '.vitest-reports/results.json')
  mkdirSync(path.dirname(report), { recursive: true })
  rmSync(report, { force: true })
  exitCode ||= run('pnpm', [
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ])
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
  // One embedded instance (SQLite, no relay) first. With PostgreSQL and Redis at hand (CI sets
  // both), the suite runs again against the reference deployment of docs/operations.md: two
  // instances on one database and one Redis behind a round-robin proxy (e2e/fixtures/cluster.ts).
  // That pass runs the desktop project only, to keep CI time sane.
  // Like every step here, not run after an earlier failure; the cluster pass runs even when the
  // single one failed (its failures tell something else).
  const passes = exitCode ? [] : [{ topology: 'single', args: [] }]
  if (!exitCode && process.env.DATABASE_URL && process.env.REDIS_URL)
    passes.push({ topology: 'cluster', args: ['--project=desktop-chromium'] })
  for (const { topology, args } of passes) {
    // playwright.config.ts names the report after the topology; the path is set here as well.
    const report = path.join(root, `e2e/test-results/results${topology === 'cluster' ? '-cluster' : ''}.json`)
    rmSync(report, { force: true })
    console.log(
      `\ne2e: ${topology === 'cluster' ? 'two instances on PostgreSQL + Redis behind a proxy' : 'one embedded instance'}`,
    )
    const status = spawnSync('pnpm', ['exec', 'playwright', 'test', ...args], {
      cwd: path.join(root, 'e2e'),
      stdio: 'inherit',
      env: { ...process.env, PINNWAND_E2E_TOPOLOGY: topology, PLAYWRIGHT_JSON_OUTPUT_FILE: report },
    }).status
    exitCode ||= status ?? 1
    if (existsSync(report)) {
      const s = JSON.parse(readFileSync(report, 'utf8')).stats
      totals.passed += s.expected
      totals.failed += s.unexpected
      totals.skipped += s.skipped
      totals.flaky = (totals.flaky ?? 0) + s.flaky
      console.log(
        `e2e (${topology}): ${s.expected} passed, ${s.unexpected} failed, ${s.skipped} skipped, ${s.flaky} flaky`,
      )
    } else exitCode ||= 1
  }
}

if (totals.failed > 0) exitCode ||= 1
// A flaky test (passed only on Playwright's retry) is a bug to fix; the retry is a diagnostic.
const flaky = totals.flaky ?? 0
if (flaky > 0) console.error(`\n${flaky} flaky test(s): they passed only on retry (see the e2e lines above).`)
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped, ${flaky} flaky`)
process.exit(exitCode)
