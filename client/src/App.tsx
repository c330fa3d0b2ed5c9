import { lazy, Suspense } from 'react'
import { StartPage } from './pages/StartPage.tsx'
import { useRoute } from './router.ts'

// The canvas (tldraw) is most of the bundle; the start page should not wait for it.
const BoardPage = lazy(() => import('./pages/BoardPage.tsx').then((module) => ({ default: module.BoardPage })))

export function App() {
  const route = useRoute()
  switch (route.name) {
    case 'board':
      return (
        <Suspense fallback={null}>
          {/* key: a different board is a different session (doc, socket, store). */}
          <BoardPage key={route.boardId} boardId={route.boardId} />
        </Suspense>
      )
    case 'start':
      return <StartPage />
  }
}
