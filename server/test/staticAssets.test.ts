import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gzipSync, gunzipSync } from 'node:zlib'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshDataDir, startTestServer, type TestServer } from './helpers/testServer.ts'

/** Raw GET (fetch would decompress and hide which encoding came). */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        )
      })
      .on('error', reject)
  })
}

describe('the built web app', () => {
  let running: TestServer
  const script = `console.log(${JSON.stringify('Pinnwand '.repeat(500))})`

  beforeAll(async () => {
    const dataDir = freshDataDir()
    const dist = path.join(dataDir, 'dist')
    mkdirSync(path.join(dist, 'assets'), { recursive: true })
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Pinnwand</title>')
    // As client/precompressPlugin.ts leaves it: the file and its .br and .gz twins.
    writeFileSync(path.join(dist, 'assets/app-abc123.js'), script)
    writeFileSync(path.join(dist, 'assets/app-abc123.js.br'), brotliCompressSync(script))
    writeFileSync(path.join(dist, 'assets/app-abc123.js.gz'), gzipSync(script))
    running = await startTestServer({ DATA_DIR: dataDir, CLIENT_DIST: dist })
  })
  afterAll(() => running.stop())

  it('serves the brotli file to a browser that accepts it, with long-lived caching', async () => {
    const response = await get(`${running.url}/assets/app-abc123.js`, { 'accept-encoding': 'gzip, deflate, br' })
    expect(response.status).toBe(200)
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.headers['content-type']).toMatch(/javascript/)
    expect(response.headers['cache-control']).toContain('immutable')
    expect(brotliDecompressSync(response.body).toString()).toBe(script)
    expect(response.body.byteLength).toBeLessThan(script.length / 10)
  })

  it('serves gzip where brotli is not accepted, and the plain file where nothing is', async () => {
    const gzipped = await get(`${running.url}/assets/app-abc123.js`, { 'accept-encoding': 'gzip' })
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzipped.body).toString()).toBe(script)
    const plain = await get(`${running.url}/assets/app-abc123.js`)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(script)
  })

  it('still answers client-side routes with the app shell', async () => {
    const response = await get(`${running.url}/b/some-board`)
    expect(response.status).toBe(200)
    expect(response.body.toString()).toContain('<title>Pinnwand</title>')
  })
})
