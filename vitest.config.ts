import { defineConfig } from 'vitest/config'

/** Unit and integration tests of every package; e2e (Playwright) runs separately. */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: './shared', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          root: './server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      './client/vitest.config.ts',
      // Build and setup scripts (plain Node, no package of their own).
      { test: { name: 'scripts', root: './scripts', include: ['*.test.mjs'] } },
      // Smoke test of the benchmark harness (`pnpm bench --quick`): figures well-formed, nothing lost.
      { test: { name: 'bench', root: './bench', include: ['bench.test.ts'], testTimeout: 240_000 } },
    ],
  },
})
