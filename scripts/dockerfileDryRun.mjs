// Runs the Dockerfile's build steps without a container engine (none is available on the
// development and CI machines): every stage gets its own clean directory standing in for its
// filesystem, COPY copies from the build context (minus .dockerignore) or an earlier stage, RUN
// runs with the stage's ENV and WORKDIR, and the final CMD is started the way the image would
// start it (as a non-root user when run as root), checked with the image's HEALTHCHECK, GET /
// and HEAD /, then stopped with SIGTERM, which must end it with exit code 0.
// Not covered: the base image itself (its Node and user `node`), Docker's volume and signal
// plumbing. Usage: node scripts/dockerfileDryRun.mjs [--keep]
import { spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const context = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const keep = process.argv.includes('--keep')
const sandbox = mkdtempSync(path.join(tmpdir(), 'pinnwand-image-'))
chmodSync(sandbox, 0o755)
const log = (message) => console.log(`dry-run: ${message}`)

/** Dockerfile instructions with continuations joined and comments dropped. */
function instructions(text) {
  const lines = text.replace(/\\\n/g, ' ').split('\n')
  return lines
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [keyword, ...rest] = l.split(/\s+/)
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') }
    })
}

const ignorePatterns = existsSync(path.join(context, '.dockerignore'))
  ? readFileSync(path.join(context, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
  : []
const ignored = (rel) => ignorePatterns.some((p) => path.matchesGlob(rel, p) || path.matchesGlob(rel, `${p}/**`))

const runUser = process.getuid?.() === 0 ? (process.env.DRYRUN_USER ?? 'pinnwand-image') : null
if (runUser && spawnSync('id', ['-u', runUser]).status !== 0) spawnSync('useradd', ['--create-home', runUser])

// `chown node:node …` in a RUN means "the image's user": here the user that runs the CMD.
const shims = path.join(sandbox, 'shims')
mkdirSync(shims)
writeFileSync(
  path.join(shims, 'chown'),
  `#!/bin/sh\n[ -z "$DRYRUN_USER" ] && exit 0\nowner=""\nfor a in "$@"; do case "$a" in -*) ;; *) if [ -z "$owner" ]; then owner="$a"; else /bin/chown -R "$DRYRUN_USER" "$a" || exit 1; fi ;; esac; done\n`,
  { mode: 0o755 },
)

const args = {}
const stages = []
let stage = null
const containerRoots = new Set()
const mapPath = (p, root = stage.root) => (p.startsWith('/') ? path.join(root, p) : path.join(root, stage.workdir, p))
const mapText = (text) =>
  [...containerRoots].reduce(
    (t, r) => t.replace(new RegExp(`(^|[\\s=:'"])${r}(?=[/\\s'"]|$)`, 'g'), `$1${path.join(stage.root, r)}`),
    text,
  )
const substitute = (text) => text.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a, b) => args[a ?? b] ?? m)

for (const { keyword, args: rest } of instructions(readFileSync(path.join(context, 'Dockerfile'), 'utf8'))) {
  switch (keyword) {
    case 'ARG': {
      const [name, value = ''] = rest.split('=')
      args[name] = value
      break
    }
    case 'FROM': {
      const [, image, , name] = substitute(rest).match(/^(\S+)(\s+AS\s+(\S+))?/i) ?? []
      const root = path.join(sandbox, `stage-${stages.length}`)
      mkdirSync(root)
      stage = { name: name ?? String(stages.length), image, root, workdir: '/', env: {}, user: null, cmd: null }
      stages.push(stage)
      log(`FROM ${image}${name ? ` AS ${name}` : ''} (the base image itself is not pulled; its Node is this one)`)
      break
    }
    case 'WORKDIR':
      containerRoots.add(`/${rest.split('/')[1]}`)
      stage.workdir = rest
      mkdirSync(mapPath(rest), { recursive: true })
      break
    case 'ENV':
      for (const [, k, v] of rest.matchAll(/(\w+)=(\S+)/g)) {
        if (v.startsWith('/')) containerRoots.add(`/${v.split('/')[1]}`)
        stage.env[k] = v
      }
      break
    case 'COPY': {
      const parts = rest.split(/\s+/)
      const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length)
      const paths = parts.filter((p) => !p.startsWith('--'))
      const dest = paths.pop()
      const source = from ? stages.find((s) => s.name === from) : null
      if (from && !source) throw new Error(`COPY --from=${from}: no such stage`)
      const destPath = mapPath(dest)
      const intoDir = dest.endsWith('/') || dest === '.' || paths.length > 1
      for (const src of paths) {
        const srcPath = source
          ? path.join(source.root, src.startsWith('/') ? src : path.join('/', src))
          : path.join(context, src)
        if (!existsSync(srcPath)) throw new Error(`COPY ${src}: not found`)
        const isFile = statSync(srcPath).isFile()
        const target = intoDir && isFile ? path.join(destPath, path.basename(src)) : destPath
        cpSync(srcPath, target, {
          recursive: true,
          verbatimSymlinks: true,
          filter: (p) => source !== null || !ignored(path.relative(context, p)),
        })
      }
      break
    }
    case 'RUN': {
      const command = mapText(rest)
      log(`RUN ${rest}`)
      const env = {
        ...process.env,
        ...Object.fromEntries(Object.entries(stage.env).map(([k, v]) => [k, mapText(v)])),
        PATH: `${shims}:${process.env.PATH}`,
        DRYRUN_USER: runUser ?? '',
      }
      const result = spawnSync('sh', ['-c', command], { cwd: mapPath(stage.workdir), env, stdio: 'inherit' })
      if (result.status !== 0) throw new Error(`RUN failed (${result.status}): ${rest}`)
      break
    }
    case 'USER':
      stage.user = rest
      break
    case 'VOLUME':
      containerRoots.add(`/${rest.split('/')[1]}`)
      mkdirSync(mapPath(rest), { recursive: true })
      break
    case 'HEALTHCHECK':
      stage.healthcheck = JSON.parse(rest.slice(rest.indexOf('CMD') + 3).trim())
      break
    case 'CMD':
      stage.cmd = JSON.parse(rest)
      break
    case 'EXPOSE':
    case 'STOPSIGNAL':
      break
    default:
      throw new Error(`dockerfileDryRun does not know ${keyword}; teach it or keep the Dockerfile simple`)
  }
}

// The final stage, as `docker run` would start it (PORT overridden to a free one here), with
// a copy of this Node standing in for the image's (the run user may not read this one's folder).
const nodeDir = path.join(sandbox, 'node-bin')
mkdirSync(nodeDir)
copyFileSync(realpathSync(process.execPath), path.join(nodeDir, 'node'))
chmodSync(path.join(nodeDir, 'node'), 0o755)
const final = stages.at(-1)
if (!final.cmd || final.cmd[0] !== 'node') throw new Error('the final CMD must start node in exec form')
if (!final.user || final.user === 'root') throw new Error('the final stage must switch to a non-root USER')
if (!final.healthcheck) throw new Error('the final stage needs a HEALTHCHECK')
stage = final
const port = String(18_000 + Math.floor(Math.random() * 1000))
const env = {
  PATH: `${nodeDir}:/usr/bin:/bin`,
  HOME: runUser ? `/home/${runUser}` : process.env.HOME,
  ...Object.fromEntries(Object.entries(final.env).map(([k, v]) => [k, mapText(v)])),
  PORT: port,
  HOST: '127.0.0.1',
}
const asUser = (argv) =>
  runUser
    ? [
        existsSync('/usr/sbin/runuser') ? '/usr/sbin/runuser' : 'runuser',
        ['-u', runUser, '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv],
      ]
    : [argv[0], argv.slice(1)]
const [command, commandArgs] = asUser([path.join(nodeDir, 'node'), ...final.cmd.slice(1)])
log(`CMD ${JSON.stringify(final.cmd)} as ${runUser ?? 'this user'} on port ${port}`)
// runuser -- env … exec's down to node: the pid we hold is the server's, as with exec form.
const server = spawn(command, commandArgs, {
  cwd: mapPath(final.workdir),
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
})
const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })))

let failure = null
try {
  const deadline = Date.now() + 60_000
  for (;;) {
    const [hc, hcArgs] = asUser([path.join(nodeDir, 'node'), ...final.healthcheck.slice(1)])
    if (spawnSync(hc, hcArgs, { env }).status === 0) break
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('HEALTHCHECK never passed')
    await new Promise((r) => setTimeout(r, 500))
  }
  log('HEALTHCHECK passes')
  const base = `http://127.0.0.1:${port}`
  const page = await fetch(`${base}/`)
  const head = await fetch(`${base}/join/ABC`, { method: 'HEAD' })
  if (page.status !== 200 || !(await page.text()).includes('<div id="root"')) throw new Error(`GET / → ${page.status}`)
  if (head.status !== 200) throw new Error(`HEAD /join/ABC → ${head.status}`)
  log('GET / serves the built web app, HEAD /join/… answers 200')
  // `docker stop` signals the container's PID 1, here node itself (runuser only switches user
  // and waits for it, passing its exit status on).
  const nodePid = runUser
    ? Number(spawnSync('pgrep', ['-P', String(server.pid)], { encoding: 'utf8' }).stdout.trim())
    : server.pid
  process.kill(nodePid, 'SIGTERM')
  const timeout = new Promise((r) => setTimeout(() => r({ code: 'timeout' }), 15_000))
  const { code, signal } = await Promise.race([exited, timeout])
  if (code !== 0) throw new Error(`after SIGTERM: exit ${code ?? signal}`)
  if (!existsSync(path.join(mapPath(final.env.DATA_DIR ?? '/data'), 'pinnwand.sqlite')))
    throw new Error('no database in the data volume')
  log('SIGTERM: exit 0, database in the /data volume')
} catch (error) {
  failure = error
  server.kill('SIGKILL')
}
if (!keep) rmSync(sandbox, { recursive: true, force: true })
if (failure) {
  console.error(`dry-run: FAILED: ${failure.message}`)
  process.exit(1)
}
log(`ok${keep ? ` (kept in ${sandbox})` : ''}`)
