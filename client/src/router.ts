import { useSyncExternalStore } from 'react'

export type Route = { name: 'start' } | { name: 'board'; boardId: string }

/** The app's routes; the server answers every path with index.html (SPA fallback). */
export function matchRoute(pathname: string): Route {
  const board = /^\/b\/([^/]+)\/?$/.exec(pathname)
  if (board?.[1]) return { name: 'board', boardId: decodeURIComponent(board[1]) }
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
