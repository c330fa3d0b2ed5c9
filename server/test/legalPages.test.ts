import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { getAccessibilityStatement, getConfig } from '@pinnwand/shared/systemRoutes'
import { afterEach, describe, expect, it } from 'vitest'
import { freshDataDir, startTestServer, type TestServer } from './helpers/testServer.ts'

/** The operator's Impressum, privacy notice and accessibility statement reach every page. */
describe('legal links and the accessibility statement', () => {
  const servers: TestServer[] = []
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.stop()
  })

  const config = (server: TestServer) => callApi(getConfig, {}, { baseUrl: server.url })
  const statementOf = (server: TestServer) => callApi(getAccessibilityStatement, {}, { baseUrl: server.url })

  it('hands the configured links to the web app, and nothing when none are set', async () => {
    const plain = await startTestServer()
    servers.push(plain)
    expect((await config(plain)).legal).toEqual({
      imprintUrl: null,
      privacyUrl: null,
      accessibilityContact: null,
    })
    expect(await statementOf(plain)).toEqual({ text: null })

    const dataDir = freshDataDir()
    const statement = path.join(dataDir, 'barrierefreiheit.md')
    writeFileSync(statement, 'Erklärung der Stadt Musterstadt, geprüft am 1. Dezember 2026.')
    const configured = await startTestServer({
      DATA_DIR: dataDir,
      IMPRINT_URL: 'https://www.musterstadt.de/impressum',
      PRIVACY_URL: 'https://www.musterstadt.de/datenschutz',
      ACCESSIBILITY_CONTACT: 'barrierefreiheit@musterstadt.de',
      ACCESSIBILITY_STATEMENT_FILE: statement,
    })
    servers.push(configured)
    expect((await config(configured)).legal).toEqual({
      imprintUrl: 'https://www.musterstadt.de/impressum',
      privacyUrl: 'https://www.musterstadt.de/datenschutz',
      accessibilityContact: 'barrierefreiheit@musterstadt.de',
    })
    // Read on each request: the operator edits the file without a restart.
    expect((await statementOf(configured)).text).toContain('Musterstadt')
    writeFileSync(statement, 'Neue Fassung.')
    expect((await statementOf(configured)).text).toBe('Neue Fassung.')
  })

  it('refuses a link that is not a URL at start, with a clear message', async () => {
    for (const bad of ['javascript:alert(1)', 'impressum.html', 'ftp://musterstadt.de/impressum']) {
      const started = startTestServer({ IMPRINT_URL: bad })
      started.then(
        (s) => servers.push(s),
        () => undefined,
      )
      await expect(started, bad).rejects.toThrow(/IMPRINT_URL/)
    }
  })
})
