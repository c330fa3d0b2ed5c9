import { loadConfig } from './config.ts'

// 22.18 runs .ts files without a flag; older Node fails before reaching this line, so the
// start scripts (scripts/checkNode.mjs) check first. This covers `node server/src/main.ts` on
// a Node that strips types but is otherwise too old (e.g. 22.x started with a flag).
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`Pinnwand needs Node.js 22.18 or newer (24 LTS recommended); this is ${process.version}.`)
  process.exit(1)
}

const { createServer } = await import('./createServer.ts')
let config
try {
  config = loadConfig()
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
const server = await createServer(config)

let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    server.logger.info({ signal }, 'shutting down: flushing boards')
    server
      .close()
      .then(() => {
        server.logger.info('stopped: every board flushed')
        process.exit(0)
      })
      .catch((error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      })
  })
}
