import { defineConfig, devices } from '@playwright/test'

const isCI = !!process.env.CI
// PINNWAND_E2E_TOPOLOGY=cluster (fixtures/cluster.ts) keeps its own report and artifacts, so a
// run of both topologies leaves both.
const cluster = process.env.PINNWAND_E2E_TOPOLOGY === 'cluster'
const reportSuffix = cluster ? '-cluster' : ''

/** System Chromium: Playwright's own browser download does not work on our machines. */
const launchOptions = {
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
}

export default defineConfig({
  testDir: './specs',
  testMatch: '**/*.spec.ts',
  globalSetup: './fixtures/globalSetup.ts',
  outputDir: `./test-results/artifacts${reportSuffix}`,
  fullyParallel: false,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  // 2 cores: one browser per core. Each worker starts its own server (fixtures/test.ts).
  workers: 2,
  // Two instances per worker and PostgreSQL share the cores with the browsers there, and a
  // server restart is two process starts.
  timeout: cluster ? 90_000 : 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: `test-results/results${reportSuffix}.json` }]],
  use: {
    headless: true,
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    launchOptions,
  },
  projects: [
    {
      name: 'desktop-chromium',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions },
      // Touch-only specs run in the tablet project.
      grepInvert: /@tablet/,
    },
    {
      name: 'tablet-chromium',
      use: {
        // An Android tablet (touch, coarse pointer, mobile user agent) at iPad-Air size.
        ...devices['Galaxy Tab S4'],
        viewport: { width: 820, height: 1180 },
        deviceScaleFactor: 2,
        defaultBrowserType: 'chromium',
        hasTouch: true,
        isMobile: true,
        launchOptions,
      },
      // Pointer-only specs (mouse cursors) run on the desktop project.
      grepInvert: /@desktop/,
    },
  ],
})
