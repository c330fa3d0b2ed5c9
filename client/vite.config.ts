import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { thirdPartyLicenses } from './licensePlugin.ts'
import { precompress } from './precompressPlugin.ts'

const server = 'http://localhost:8080'

export default defineConfig({
  plugins: [react(), thirdPartyLicenses(), precompress()],
  // The dev server's dependency pre-bundling cannot load @tldraw/assets' `?url` imports (fonts,
  // icons, translations): left out, Vite serves them as files, as the build does.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  server: {
    proxy: {
      '/api': server,
      '/ws': { target: server, ws: true },
      '/healthz': server,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // tldraw alone is ~1.5 MB minified; the warning would fire on every build.
    chunkSizeWarningLimit: 4000,
  },
})
