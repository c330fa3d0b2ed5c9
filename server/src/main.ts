import { loadConfig } from './config.ts'

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Pinnwand needs Node.js 22.12 or newer (24 LTS recommended); this is ${process.version}.`)
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
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      })
  })
}
