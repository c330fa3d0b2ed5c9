import { useSyncExternalStore } from 'react'

export type Route =
  | { name: 'start' }
  | { name: 'board'; boardId: string }
  | { name: 'dashboard'; workshopId: string }
  | { name: 'joinSheet'; workshopId: string }
  | { name: 'projector'; workshopId: string }
  | { name: 'join'; code: string | null }
  | { name: 'accessibility' }

const patterns: [RegExp, (id: string) => Route][] = [
  [/^\/b\/([^/]+)\/?$/, (boardId) => ({ name: 'board', boardId })],
  [/^\/w\/([^/]+)\/?$/, (workshopId) => ({ name: 'dashboard', workshopId })],
  [/^\/w\/([^/]+)\/print\/?$/, (workshopId) => ({ name: 'joinSheet', workshopId })],
  [/^\/w\/([^/]+)\/projector\/?$/, (workshopId) => ({ name: 'projector', workshopId })],
  [/^\/join\/([^/]+)\/?$/, (code) => ({ name: 'join', code })],
]

/** The app's routes; the server answers every path with index.html (SPA fallback). */
export function matchRoute(pathname: string): Route {
  for (const [pattern, toRoute] of patterns) {
    const id = pattern.exec(pathname)?.[1]
    if (id) return toRoute(decodeURIComponent(id))
  }
  if (/^\/join\/?$/.test(pathname)) return { name: 'join', code: null }
  if (/^\/(barrierefreiheit|accessibility)\/?$/.test(pathname)) return { name: 'accessibility' }
  return { name: 'start' }
}

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange)
  return () => window.removeEventListener('popstate', onChange)
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => location.pathname)
  return matchRoute(pathname)
}

/** Client-side navigation: the same page, a new address, and every `useRoute` re-reads it. */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) history.replaceState(null, '', path)
  else history.pushState(null, '', path)
  window.dispatchEvent(new PopStateEvent('popstate'))
  window.scrollTo?.(0, 0)
}

export const paths = {
  start: () => '/',
  accessibility: () => '/barrierefreiheit',
  board: (boardId: string) => `/b/${encodeURIComponent(boardId)}`,
  dashboard: (workshopId: string) => `/w/${encodeURIComponent(workshopId)}`,
  joinSheet: (workshopId: string) => `/w/${encodeURIComponent(workshopId)}/print`,
  join: (code: string, boardId?: string) =>
    `/join/${encodeURIComponent(code)}${boardId ? `?board=${encodeURIComponent(boardId)}` : ''}`,
}
