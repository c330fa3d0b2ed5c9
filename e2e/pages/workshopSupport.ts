import {
  type BrowserContext,
  type BrowserContextOptions,
  devices,
  expect,
  type Locator,
  type Page,
} from '@playwright/test'
import jsQRModule from 'jsqr'
import { PNG } from 'pngjs'

type DecodeQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null
// jsqr is CommonJS with an ES-style default export: depending on the loader, the function is the
// module itself or its `default`.
const jsQR = ((jsQRModule as unknown as { default?: DecodeQr }).default ?? jsQRModule) as unknown as DecodeQr

/**
 * Collects i18next's missing-key reports (client/src/i18n/setupI18n.ts logs them to the console)
 * from every page of a context, present and future. A test asserts the list is empty.
 */
export function watchMissingKeys(context: BrowserContext): string[] {
  const missing: string[] = []
  const watch = (page: Page) =>
    page.on('console', (message) => {
      if (message.text().includes('[i18n] missing key')) missing.push(`${page.url()}: ${message.text()}`)
    })
  for (const page of context.pages()) watch(page)
  context.on('page', watch)
  return missing
}

/** Reads a QR code the way a phone camera does: from pixels (a screenshot), not from the DOM. */
export async function decodeQr(element: Locator): Promise<string> {
  const png = PNG.sync.read(await element.screenshot())
  const code = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength),
    png.width,
    png.height,
  )
  if (!code) throw new Error('no QR code found in the screenshot')
  return code.data
}

/** A phone (Pixel 7: touch, mobile, 412 px wide) in the given language. */
export function phoneOptions(baseURL: string, locale = 'en-US'): BrowserContextOptions {
  const { defaultBrowserType: _ignored, ...pixel } = devices['Pixel 7']
  return { ...pixel, baseURL, locale, timezoneId: 'Europe/Berlin' }
}

/** The tablet of the tablet project (Android, touch, 820×1180). */
export function tabletOptions(baseURL: string, locale = 'en-US'): BrowserContextOptions {
  const { defaultBrowserType: _ignored, ...tablet } = devices['Galaxy Tab S4']
  return {
    ...tablet,
    viewport: { width: 820, height: 1180 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
    baseURL,
    locale,
    timezoneId: 'Europe/Berlin',
  }
}

/** Joins by typing the short code, as from a table card: code → name → table (if several) → board. */
export async function joinByCode(page: Page, code: string, name: string, table?: string): Promise<void> {
  await page.goto('/join')
  await page.getByLabel(/Code from your table card|Code von der Tischkarte/).fill(code)
  await page.getByRole('button', { name: /^(Continue|Weiter)$/ }).click()
  await page.getByLabel(/^(Your name|Ihr Name)$/).fill(name)
  if (table) await page.getByRole('radio', { name: new RegExp(table) }).check()
  await page.getByRole('button', { name: /^(Join|Beitreten)$/ }).click()
  await expect(page.getByTestId('canvas')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 20_000 })
}

/** Adds an idea through the big "add idea" field (the way phones and tablets do). */
export async function addIdea(page: Page, text: string): Promise<void> {
  const field = page.getByTestId('add-idea-text').locator('visible=true').first()
  await field.fill(text)
  await page.getByTestId('add-idea-post').locator('visible=true').first().click()
  await expect(field).toHaveValue('')
}
