import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const repoRoot = path.resolve(import.meta.dirname, '../..')
/** Every agent builds into the same client/dist; the e2e lock serialises builds and reads. */
const LOCK = '/tmp/pinnwand-e2e.lock'

/**
 * A private copy of the built web app: builds it under the e2e lock (unless BENCH_NO_BUILD=1
 * and a build exists), copies client/dist while still holding the lock, and returns the copy,
 * so nobody's rebuild changes the files under the measurement.
 */
export function prepareClientDist(): string {
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'pinnwand-bench-dist-')), 'dist')
  const build =
    process.env.BENCH_NO_BUILD === '1' && existsSync(path.join(repoRoot, 'client/dist/index.html'))
      ? 'true'
      : 'pnpm --filter @pinnwand/client build'
  const log = path.join(path.dirname(copy), 'build.log')
  const result = spawnSync('flock', [LOCK, 'sh', '-c', `${build} >${log} 2>&1 && cp -r client/dist ${copy}`], {
    cwd: repoRoot,
    stdio: 'inherit',
    timeout: 15 * 60_000,
  })
  if (result.status !== 0 || !existsSync(path.join(copy, 'index.html')))
    throw new Error(`building the client failed (see ${log})`)
  return copy
}
