import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'client',
    // tldraw's shape utils import React and touch the DOM when measuring text.
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
})
