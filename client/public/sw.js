// Pinnwand's offline shell (client/src/sync/registerOfflineShell.ts registers it). A board page
// reloaded without network still opens: the page and its scripts come from this cache, the
// board content from the browser's IndexedDB copy of the board. Only GET requests of this origin
// for the page itself and /assets/ are handled; the API and the board socket pass untouched.
const CACHE = 'pinnwand-shell-v1'
const SHELL = '/__offline-shell'

self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

// The page tells what it loaded before this worker controlled it (the first visit).
self.addEventListener('message', (event) => {
  const data = event.data
  if (!data || data.type !== 'precache') return
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      const shell = await fetch(data.page, { credentials: 'same-origin' }).catch(() => null)
      if (shell && shell.ok) await cache.put(SHELL, shell)
      await Promise.all(data.assets.map((url) => cache.add(url).catch(() => undefined)))
    }),
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (request.mode === 'navigate') event.respondWith(pageNetworkFirst(request))
  else if (url.pathname.startsWith('/assets/')) event.respondWith(assetCacheFirst(request))
})

/** The page: always fresh when online; the last copy when not. */
async function pageNetworkFirst(request) {
  const cache = await caches.open(CACHE)
  try {
    const response = await fetch(request)
    if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) {
      await cache.put(SHELL, response.clone())
    }
    return response
  } catch (error) {
    const cached = await cache.match(SHELL)
    if (cached) return cached
    throw error
  }
}

/** Hashed build assets never change: the cache first, the network once. */
async function assetCacheFirst(request) {
  const cache = await caches.open(CACHE)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}
