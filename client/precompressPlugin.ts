import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/
/** Below this, the headers cost more than compression saves. */
const MIN_BYTES = 1024

/**
 * Writes `.br` and `.gz` beside every compressible file of the build, once, at build time.
 * The server hands them out by Accept-Encoding (@fastify/static `preCompressed`), so a hall of
 * tablets on venue Wi-Fi downloads ~600 kB instead of ~2 MB per participant, and the server
 * spends no CPU compressing the same bundle 500 times.
 */
export function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'pinnwand-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      for (const file of filesUnder(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue
        const content = readFileSync(file)
        if (content.byteLength < MIN_BYTES) continue
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }))
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.byteLength },
          }),
        )
      }
    },
  }
}

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) yield* filesUnder(full)
    else yield full
  }
}
