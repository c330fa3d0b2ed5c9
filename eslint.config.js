// ESLint for every package: typescript-eslint, React hooks and jsx-a11y for the web app, and
// import boundaries that keep the layers apart (docs/architecture.md, "Layers and lint").
import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * Server folders that hold one feature each (the sync core may not import them): every folder
 * of server/src with a `<name>Feature.ts`, so a new feature is guarded without a line here.
 */
const serverSrc = new URL('./server/src/', import.meta.url)
const featureFolders = readdirSync(serverSrc, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .filter((folder) => readdirSync(new URL(`${folder}/`, serverSrc)).some((file) => /^[a-z]\w*Feature\.ts$/.test(file)))
  .sort()

/** Import patterns of every feature folder and of the feature list (features/index.ts). */
const anyFeature = [...featureFolders.map((folder) => `**/${folder}/**`), '**/features/index*']

/** What pure rules may not import: HTTP, databases, sockets, disk. */
const pureRules = [
  [['**/http/**', 'fastify', 'fastify/*', '@fastify/*'], 'domain rules know nothing of HTTP'],
  [['**/kysely*', 'kysely', 'better-sqlite3', 'pg', 'ioredis'], 'domain rules know nothing of databases'],
  [['ws', 'node:fs', 'node:net', 'node:http'], 'domain rules know nothing of sockets or disk'],
]

/** `no-restricted-imports` patterns: a layer may not reach into these. */
const forbid = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }],
})

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'client/public/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
      'data/**',
      '.vitest-reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `as never` / `as unknown as` in tests build deliberately wrong input.
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      // The hook rules and the React Compiler's (refs, immutability, set-state-in-effect, …):
      // the latest callback goes through useEffectEvent, state that follows a prop is adjusted
      // during render (docs/architecture.md, "Layers and lint").
      ...reactHooks.configs['recommended-latest'].rules,
      'react-hooks/exhaustive-deps': 'error',
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
  {
    // Not yet: these two set state straight in an effect, and another change to them is under
    // way (control room, projector); their fix goes with it. Only this rule, only these files.
    files: ['client/src/pages/DashboardPage.tsx', 'client/src/projector/ProjectorRound.tsx'],
    rules: { 'react-hooks/set-state-in-effect': 'off' },
  },
  {
    files: ['e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    // Playwright fixtures that need no other fixture are written `async ({}, use) => …`.
    rules: { 'no-empty-pattern': 'off' },
  },
  // Layers. shared/ is used by both sides and knows neither.
  {
    files: ['shared/src/**/*.ts'],
    rules: forbid(
      [['**/server/**', '@pinnwand/server*'], 'shared/ knows nothing of the server'],
      [['**/client/**', '@pinnwand/client*'], 'shared/ knows nothing of the web app'],
    ),
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    rules: forbid([
      ['**/server/**', '@pinnwand/server*'],
      'the web app talks to the server over HTTP and WebSocket only',
    ]),
  },
  {
    files: ['server/src/**/*.ts'],
    rules: forbid([['**/client/**', '@pinnwand/client*'], 'the server does not import the web app']),
  },
  {
    // Features reach rooms through the narrow ports; only createServer and the socket gateway
    // hold the room manager itself. (A later block's no-restricted-imports replaces this one,
    // hence the web app pattern repeated.)
    files: featureFolders.map((folder) => `server/src/${folder}/**/*.ts`),
    ignores: ['**/*.test.ts'],
    rules: forbid(
      [['**/client/**', '@pinnwand/client*'], 'the server does not import the web app'],
      [['**/sync/RoomManager*'], 'features use the ports of sync/roomPorts.ts, not the room manager'],
    ),
  },
  {
    // The core names no feature (docs/architecture.md, "Features"): the HTTP adapter, the route
    // context, the core routes and the store opener get features through the seam
    // (features/ServerFeature.ts, coreHooks.ts, FeatureServices.ts) that createServer fills
    // from the one list.
    files: [
      'server/src/http/**/*.ts',
      'server/src/store/**/*.ts',
      'server/src/auth/**/*.ts',
      'server/src/limits/**/*.ts',
      'server/src/metrics/**/*.ts',
      'server/src/features/ServerFeature.ts',
      'server/src/features/FeatureServices.ts',
      'server/src/features/coreHooks.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      [['**/client/**', '@pinnwand/client*'], 'the server does not import the web app'],
      [['**/sync/RoomManager*'], 'routes use the ports of sync/roomPorts.ts, not the room manager'],
      [anyFeature, 'the core names no feature: it reaches them through features/ServerFeature.ts and its hooks'],
    ),
  },
  {
    // Pure rules: no sockets, HTTP, database or disk (docs/architecture.md).
    files: ['server/src/**/*Rules.ts', 'server/src/**/*Policy.ts', 'server/src/sync/updateDependencies.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(...pureRules),
  },
  {
    // The domain is pure and core: neither infrastructure nor a feature.
    files: ['server/src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(...pureRules, [anyFeature, 'the domain names no feature']),
  },
  {
    files: ['server/src/sync/**/*.ts', 'server/src/relay/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      [['**/http/**', 'fastify', '@fastify/*'], 'the sync core and the relay know nothing of HTTP'],
      [
        anyFeature,
        'the sync core names no feature: features plug in through RoomGuard (sync/roomGuards.ts) and room events',
      ],
    ),
  },
  {
    files: ['**/*.test.ts', '**/*.spec.ts', 'server/test/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      // Tests and benchmarks build hostile and partial input on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
)
