/**
 * Registers the offline shell (public/sw.js), so a board reloaded while the Wi-Fi is gone still
 * opens from this browser's caches. On the first visit the page loaded before the worker existed,
 * so it hands the worker what it loaded (the page and its /assets/) to keep.
 */
export function registerOfflineShell(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const assets = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => name.startsWith(`${location.origin}/assets/`))
      registration.active?.postMessage({ type: 'precache', page: location.href, assets })
    })
    .catch((error: unknown) => console.warn('offline shell not available', error))
}
