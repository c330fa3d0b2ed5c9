import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { createWorkshop, joinWorkshop } from '@pinnwand/shared/workshopRoutes'
import { createCluster, postIdea, projectorToken } from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'

/**
 * No raw translation key reaches the screen or a screen reader (issue 19: the live region said
 * "Themengruppe 2, tool.cluster"), and the German board shows none of tldraw's English strings.
 * Every main page in both languages; text, labels, the accessibility tree and everything a live
 * region said during the visit are scanned.
 */

const root = path.resolve(import.meta.dirname, '../..')
const tldrawEnglish = JSON.parse(
  readFileSync(path.join(root, 'client/node_modules/@tldraw/assets/translations/main.json'), 'utf8'),
) as Record<string, string>

/** Top-level namespaces of the app's keys (client/src/i18n/de/*.json) and of tldraw's keys. */
const namespaces = [
  ...new Set([
    ...readdirSync(path.join(root, 'client/src/i18n/de')).flatMap((file) =>
      Object.keys(JSON.parse(readFileSync(path.join(root, 'client/src/i18n/de', file), 'utf8')) as object),
    ),
    ...Object.keys(tldrawEnglish).map((key) => key.split('.')[0]!),
  ]),
]
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')
const RAW_KEY = new RegExp(
  `(?<![\\w./@-])(?:${namespaces.map(escape).join('|')})\\.[A-Za-z][\\w-]*(?:\\.[A-Za-z][\\w-]*)*(?![\\w/@-])`,
  'g',
)
/** File names a page may show ("board.pdf") are not keys. */
const FILE_NAME = /\.(pdf|docx|xlsx|csv|md|json|png|svg|zip)$/

/** tldraw's English strings that are also German words (or names), allowed in the German UI. */
const ALSO_GERMAN = new Set(
  'Hand Text Ellipse Oval Rhombus Orange Position Status Video Original Code Link Info Navigation System Transparent Zoom Trackpad PNG SVG JSON Offline Backup Discord GitHub Twitter URL Board Laser Export'.split(
    ' ',
  ),
)
// A bare percentage ("75%") is the zoom readout, a number in any language, not a phrase.
const ENGLISH_TLDRAW = new Set(
  Object.values(tldrawEnglish).filter((value) => !ALSO_GERMAN.has(value) && !/^\d+%$/.test(value)),
)

/** Records every text any live region (aria-live, status, alert) shows, however briefly. */
async function recordLiveRegions(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const said: string[] = []
    ;(window as unknown as { __liveSaid: string[] }).__liveSaid = said
    const record = () => {
      for (const region of Array.from(document.querySelectorAll('[aria-live], [role="status"], [role="alert"]'))) {
        const text = region.textContent?.trim()
        if (text && !said.includes(text)) said.push(text)
      }
    }
    new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true })
  })
}

/** What a person can see or hear on the page: text, labels, titles, the a11y tree, live regions. */
async function heardAndSeen(page: Page): Promise<string[]> {
  const dom = await page.evaluate(() => {
    const out: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (parent && ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue
      const text = node.textContent?.trim()
      if (text) out.push(text)
    }
    for (const element of Array.from(
      document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-description]'),
    )) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const value = element.getAttribute(name)?.trim()
        if (value) out.push(value)
      }
    }
    out.push(...((window as unknown as { __liveSaid?: string[] }).__liveSaid ?? []))
    return out
  })
  const tree = await page.locator('body').ariaSnapshot()
  return [...dom, ...tree.split('\n').map((line) => line.trim())]
}

interface Finding {
  page: string
  text: string
  found: string
}

class Scanner {
  readonly rawKeys: Finding[] = []
  readonly english: Finding[] = []
  /** The server's names for facilitator and projector, stored in German, in the English UI. */
  readonly serverNames: Finding[] = []
  private readonly language: 'de' | 'en'
  constructor(language: 'de' | 'en') {
    this.language = language
  }

  async scan(page: Page, where: string, { tldraw = false } = {}): Promise<void> {
    for (const text of await heardAndSeen(page)) {
      for (const match of text.matchAll(RAW_KEY)) {
        if (!FILE_NAME.test(match[0])) this.rawKeys.push({ page: where, text: text.slice(0, 160), found: match[0] })
      }
      const serverName = /\b(Moderation|Beamer)\b/.exec(text)
      if (serverName && this.language === 'en') this.serverNames.push({ page: where, text, found: serverName[0] })
      if (tldraw && this.language === 'de') {
        // tldraw titles carry a shortcut ("Auswählen — V"); a11y-tree lines a role ("button \"…\"").
        const plain = text
          .replace(/\s+[—-]\s+\S+$/, '')
          .replace(/^- \w+ "(.*)".*$/, '$1')
          .replace(/^- \w+: /, '')
        if (ENGLISH_TLDRAW.has(plain) || /\bNotifications\b/.test(text))
          this.english.push({ page: where, text: text.slice(0, 160), found: plain })
      }
    }
  }
}

const SCREENSHOTS = process.env.PINNWAND_SCREENSHOTS === '1'
const screenshotDir = path.join(import.meta.dirname, '../../docs/screenshots')

/** Opens the side panels one after another, scanning each. */
async function scanSidePanels(page: Page, scanner: Scanner, who: string): Promise<number> {
  const tabs = page.locator('[data-testid^="panel-tab-"]')
  const count = await tabs.count()
  for (let i = 0; i < count; i++) {
    const tab = tabs.nth(i)
    const id = ((await tab.getAttribute('data-testid')) ?? '').replace('panel-tab-', '')
    await tab.click()
    await expect(page.getByTestId(`panel-${id}`)).toBeVisible()
    await page.waitForTimeout(300)
    await scanner.scan(page, `${who}: panel ${id}`)
  }
  return count
}

/** Draws an arrow with the arrow tool, so the style panel shows arrowheads ("Pfeilspit…"). */
async function drawArrow(page: Page): Promise<void> {
  await page.getByTestId('tools.arrow').click()
  const canvas = (await page.getByTestId('canvas').boundingBox())!
  const from = { x: canvas.x + canvas.width * 0.3, y: canvas.y + canvas.height * 0.75 }
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + 160, from.y - 40, { steps: 10 })
  await page.mouse.up()
}

async function openBoard(page: Page, boardId: string, token: string): Promise<void> {
  await page.goto(`/b/${boardId}?token=${token}`)
  await expect(page.getByTestId('canvas')).toBeVisible({ timeout: 45_000 })
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 20_000 })
}

for (const [locale, language] of [
  ['de-DE', 'de'],
  ['en-US', 'en'],
] as const) {
  test(
    `no raw key reaches the screen or a screen reader (${language})`,
    { tag: '@desktop' },
    async ({ browser, baseURL, networkLog }) => {
      test.setTimeout(180_000)
      const scanner = new Scanner(language)
      const context = await browser.newContext({ baseURL, locale, viewport: { width: 1280, height: 800 } })
      networkLog.watch(context)
      await recordLiveRegions(context)
      const page = await context.newPage()
      try {
        const w = await callApi(
          createWorkshop,
          {
            body: {
              title: 'Regionalforum Nordstadt',
              language,
              boards: [{ title: 'Mobilität', question: 'Wie kommen wir 2030 zur Arbeit?' }],
            },
          },
          { baseUrl: baseURL },
        )
        const boardId = w.boards[0]!.id
        await createCluster(baseURL!, boardId, w.facilitatorToken, 'Bus und Bahn')
        let participantToken = ''
        for (const [name, idea] of [
          ['Aylin', 'Busse alle 10 Minuten'],
          ['Jonas', 'Sichere Radwege'],
        ] as const) {
          const joined = await callApi(
            joinWorkshop,
            { params: { workshopId: w.workshop.id }, body: { name, joinCode: w.workshop.joinCode } },
            { baseUrl: baseURL },
          )
          await postIdea(baseURL!, boardId, joined.participantToken, idea)
          participantToken = joined.participantToken
        }

        for (const [route, where] of [
          ['/', 'start page'],
          ['/join', 'join page'],
          [`/join/${w.workshop.joinCode}`, 'join form'],
          [`/w/${w.workshop.id}?token=${w.facilitatorToken}`, 'dashboard'],
        ] as const) {
          await page.goto(route)
          await expect(page.locator('body')).not.toHaveText(/^\s*$/)
          await page.waitForTimeout(route.startsWith('/w/') ? 1500 : 300)
          await scanner.scan(page, where)
        }

        // The facilitator selects a card and the cluster: tldraw's live region names what it is.
        await openBoard(page, boardId, w.facilitatorToken)
        // The facilitator's own idea: its author line is the role, in the viewer's language.
        const field = page.getByTestId('add-idea-text').first()
        await field.fill('Mehr Busse am Abend')
        await field.press('Enter')
        await expect(page.getByTestId('idea-card')).toHaveCount(3)
        await page.getByTestId('show-everything').click()
        await page.waitForTimeout(500)
        const shapes = await page.evaluate(() =>
          window.__pinnwand!.editor.getCurrentPageShapes().map((s) => ({ id: String(s.id), type: s.type })),
        )
        for (const type of ['idea-card', 'cluster']) {
          const shape = shapes.find((s) => s.type === type)!
          const box = await page.evaluate((id) => {
            const editor = window.__pinnwand!.editor
            const b = editor.getShapePageBounds(id as never)!
            const p = editor.pageToScreen({ x: b.minX + Math.min(20, b.w / 2), y: b.minY + Math.min(12, b.h / 2) })
            return p
          }, shape.id)
          await page.mouse.click(box.x, box.y)
          await expect.poll(() => page.evaluate(() => window.__pinnwand!.editor.getSelectedShapeIds().length)).toBe(1)
          await page.waitForTimeout(400)
        }
        await page.keyboard.press('Escape')
        const said = await page.evaluate(() => (window as unknown as { __liveSaid: string[] }).__liveSaid)
        // The announcement was made (so the scan saw it): "…, Ideenkarte. 1 von 3".
        expect(said.join(' | ')).toMatch(language === 'de' ? /Ideenkarte/ : /Idea card/)
        await page.getByTestId('presence-toggle').click()
        await expect(page.getByTestId('presence-list')).toBeVisible()
        await scanner.scan(page, 'board (facilitator)', { tldraw: true })
        await page.getByTestId('main-menu.button').click()
        await scanner.scan(page, 'board (facilitator): main menu', { tldraw: true })
        await page.keyboard.press('Escape')
        expect(await scanSidePanels(page, scanner, 'facilitator')).toBeGreaterThan(3)

        // A participant: toolbar, an arrow with its style panel, main menu, context menu, panels.
        await openBoard(page, boardId, participantToken)
        await drawArrow(page)
        await expect(page.locator('.tlui-style-panel')).toBeVisible()
        await scanner.scan(page, 'board (participant): style panel', { tldraw: true })
        if (SCREENSHOTS && language === 'de') {
          mkdirSync(screenshotDir, { recursive: true })
          await page.screenshot({ path: path.join(screenshotDir, 'tldraw-de-style-panel-desktop.png') })
        }
        await page.getByTestId('main-menu.button').click()
        await scanner.scan(page, 'board (participant): main menu', { tldraw: true })
        if (SCREENSHOTS && language === 'de')
          await page.screenshot({ path: path.join(screenshotDir, 'tldraw-de-menu-desktop.png') })
        await page.keyboard.press('Escape')
        const canvas = (await page.getByTestId('canvas').boundingBox())!
        await page.mouse.click(canvas.x + canvas.width * 0.5, canvas.y + canvas.height * 0.3, { button: 'right' })
        await scanner.scan(page, 'board (participant): context menu', { tldraw: true })
        await page.keyboard.press('Escape')
        expect(await scanSidePanels(page, scanner, 'participant')).toBeGreaterThan(1)

        await page.goto(w.links.projector)
        await page.waitForTimeout(1000)
        await scanner.scan(page, 'projector entry')
        const screenToken = await projectorToken(baseURL!, boardId, w.facilitatorToken)
        await page.goto(`/b/${boardId}?token=${screenToken}`)
        await expect(page.getByTestId('projector-view')).toBeVisible({ timeout: 20_000 })
        await page.waitForTimeout(1000)
        await scanner.scan(page, 'projector')
      } finally {
        await context.close()
      }
      expect(scanner.rawKeys, 'raw i18n keys on screen or read out').toEqual([])
      expect(scanner.english, "tldraw's English strings in the German board").toEqual([])
      expect(scanner.serverNames, 'German role names in the English UI').toEqual([])
    },
  )
}

test(
  'the German tldraw menus on a phone use German words',
  { tag: '@desktop' },
  async ({ browser, baseURL, networkLog }) => {
    const context = await browser.newContext({
      baseURL,
      locale: 'de-DE',
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
    })
    networkLog.watch(context)
    const page = await context.newPage()
    const scanner = new Scanner('de')
    try {
      const w = await callApi(
        createWorkshop,
        { body: { title: 'Regionalforum Nordstadt', language: 'de', boards: [{ title: 'Mobilität' }] } },
        { baseUrl: baseURL },
      )
      const joined = await callApi(
        joinWorkshop,
        { params: { workshopId: w.workshop.id }, body: { name: 'Aylin', joinCode: w.workshop.joinCode } },
        { baseUrl: baseURL },
      )
      await openBoard(page, w.boards[0]!.id, joined.participantToken)
      // On a phone the idea list opens first; the canvas is one tap away.
      const close = page.getByTestId('panel-close')
      if (await close.isVisible()) await close.tap()
      await page.getByTestId('main-menu.button').tap()
      await expect(page.locator('.tlui-menu').first()).toBeVisible()
      await scanner.scan(page, 'phone: main menu', { tldraw: true })
      if (SCREENSHOTS) {
        mkdirSync(screenshotDir, { recursive: true })
        await page.screenshot({ path: path.join(screenshotDir, 'tldraw-de-menu-phone.png') })
      }
    } finally {
      await context.close()
    }
    expect(scanner.rawKeys).toEqual([])
    expect(scanner.english).toEqual([])
  },
)
