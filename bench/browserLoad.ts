/**
 * Scenario d (browser side) and g — a participant opens a 2,000-card board in headless
 * Chromium (fresh profile: no HTTP cache, no offline copy; the board cold on the server).
 * Time to interactive: from navigation until the board's cards are in the editor and drawn
 * and a click on a card selects it (times read in the page, from navigation start).
 * Initial JavaScript: every script the page loaded until then, gzip-compressed here (level 9).
 */
import { rmSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { emit, size } from './lib/benchEnv.ts'
import { prepareClientDist } from './lib/clientBuild.ts'
import { populateBoard } from './lib/populateBoard.ts'
import { createWorkshop, joinParticipants, startPinnwand, userIdOf } from './lib/serverProcess.ts'
import { round } from './lib/stats.ts'

const CARDS = size('CARDS', 2000, 200)
const REPEAT = 3
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const dist = prepareClientDist()
const server = await startPinnwand({ env: { IDLE_UNLOAD_MS: '300', CLIENT_DIST: dist } })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})

declare global {
  interface Window {
    __benchTTI?: { cardsAt: number | null; selectedAt: number | null }
  }
}

/** Runs in the page from its first script on: notes when the cards are drawn and when a card gets selected. */
function watchInteractive(expectedCards: number) {
  const tti = (window.__benchTTI = { cardsAt: null as number | null, selectedAt: null as number | null })
  const poll = () => {
    const editor = (
      window as unknown as {
        __pinnwand?: { editor: { getCurrentPageShapes(): { type: string }[]; getSelectedShapeIds(): string[] } }
      }
    ).__pinnwand?.editor
    if (editor && tti.cardsAt === null) {
      const inStore = editor.getCurrentPageShapes().filter((s) => s.type === 'idea-card').length
      const drawn = Array.from(document.querySelectorAll('[data-testid="idea-card"]')).some((el) => {
        const r = el.getBoundingClientRect()
        return r.width > 0 && r.height > 0
      })
      if (inStore >= expectedCards && drawn) tti.cardsAt = performance.now()
    }
    if (editor && tti.cardsAt !== null && editor.getSelectedShapeIds().length > 0) tti.selectedAt = performance.now()
    if (tti.selectedAt === null) requestAnimationFrame(poll)
  }
  requestAnimationFrame(poll)
}

try {
  const workshop = await createWorkshop(server.url)
  const boardId = workshop.boardIds[0]!
  const token = workshop.facilitatorToken
  const unloaded = () => server.waitForLog((e) => e.msg === 'board unloaded' && e.boardId === boardId, 60_000)
  let nextUnload = unloaded()
  await populateBoard(server.url, boardId, token, await userIdOf(server.url, token), CARDS)
  const [participant] = await joinParticipants(server.url, workshop, 1)
  await nextUnload

  const runs: { cardsDrawnMs: number; interactiveMs: number }[] = []
  let scripts: { file: string; bytes: number; gzipBytes: number; encoding: string | null; transferredBytes: number }[] =
    []
  for (let r = 0; r < REPEAT; r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' })
    const page = await context.newPage()
    await page.addInitScript(watchInteractive, CARDS)
    const loaded: Promise<(typeof scripts)[number]>[] = []
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return
      loaded.push(
        Promise.all([response.body(), response.request().sizes()]).then(([body, sizes]) => ({
          file: new URL(response.url()).pathname,
          bytes: body.byteLength,
          gzipBytes: gzipSync(body, { level: 9 }).byteLength,
          encoding: response.headers()['content-encoding'] ?? null,
          // As sent over the wire (the server hands out the build's precompressed .br files).
          transferredBytes: sizes.responseBodySize,
        })),
      )
    })
    await page.goto(`${server.url}/b/${encodeURIComponent(boardId)}?token=${encodeURIComponent(participant!.token)}`)
    await page.waitForFunction(() => window.__benchTTI?.cardsAt !== null, undefined, { timeout: 60_000, polling: 10 })
    // Click a drawn card near the middle of the screen, as a person would.
    const point = await page.evaluate(() => {
      const cards = Array.from(document.querySelectorAll('[data-testid="idea-card"]'))
        .map((el) => el.getBoundingClientRect())
        .filter(
          (r) =>
            r.width > 4 &&
            r.height > 4 &&
            r.top > 80 &&
            r.bottom < innerHeight - 80 &&
            r.left > 0 &&
            r.right < innerWidth,
        )
        .sort(
          (a, b) =>
            Math.hypot(a.x - innerWidth / 2, a.y - innerHeight / 2) -
            Math.hypot(b.x - innerWidth / 2, b.y - innerHeight / 2),
        )
      const r = cards[0]
      return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null
    })
    if (!point) throw new Error('no card visible to click')
    await page.mouse.click(point.x, point.y)
    await page.waitForFunction(() => window.__benchTTI?.selectedAt !== null, undefined, {
      timeout: 30_000,
      polling: 10,
    })
    const tti = await page.evaluate(() => window.__benchTTI!)
    scripts = await Promise.all(loaded)
    runs.push({ cardsDrawnMs: round(tti.cardsAt!, 0), interactiveMs: round(tti.selectedAt!, 0) })
    nextUnload = unloaded()
    await context.close()
    await nextUnload
  }
  emit({
    bench: `browser-load-${CARDS}`,
    cards: CARDS,
    cardsDrawnMs: median(runs.map((r) => r.cardsDrawnMs)),
    interactiveMs: median(runs.map((r) => r.interactiveMs)),
    runs,
    note: 'fresh browser profile, board cold on the server; from navigation start until all cards are in the editor and drawn, then until a click on a card has selected it',
    targets: { interactiveMs: 2000 },
  })
  const gzipBytes = scripts.reduce((n, s) => n + s.gzipBytes, 0)
  emit({
    bench: 'initial-js',
    page: 'participant board page (/b/:boardId)',
    files: scripts.length,
    bytes: scripts.reduce((n, s) => n + s.bytes, 0),
    gzipKB: round(gzipBytes / 1024),
    servedEncoding: [...new Set(scripts.map((s) => s.encoding ?? 'identity'))],
    transferredKB: round(scripts.reduce((n, s) => n + s.transferredBytes, 0) / 1024),
    scripts: scripts
      .map((s) => ({ file: path.basename(s.file), gzipKB: round(s.gzipBytes / 1024) }))
      .sort((a, b) => b.gzipKB - a.gzipKB),
    targets: { gzipKB: 700 },
  })
} finally {
  await browser.close()
  await server.stop()
  rmSync(path.dirname(dist), { recursive: true, force: true })
}
process.exit(0)
