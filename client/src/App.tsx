import { lazy, Suspense } from 'react'
import { DashboardPage } from './pages/DashboardPage.tsx'
import { JoinPage } from './pages/JoinPage.tsx'
import { StartPage } from './pages/StartPage.tsx'
import { useRoute } from './router.ts'

// The canvas (tldraw) is most of the bundle; the start page should not wait for it.
const BoardPage = lazy(() => import('./pages/BoardPage.tsx').then((module) => ({ default: module.BoardPage })))
// The QR encoder is only needed for printing.
const JoinSheetPage = lazy(() => import('./pages/JoinSheetPage.tsx').then((module) => ({ default: module.JoinSheetPage })))
const ProjectorEntryPage = lazy(() =>
  import('./pages/ProjectorEntryPage.tsx').then((module) => ({ default: module.ProjectorEntryPage })),
)

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
    case 'dashboard':
      return <DashboardPage key={route.workshopId} workshopId={route.workshopId} />
    case 'joinSheet':
      return (
        <Suspense fallback={null}>
          <JoinSheetPage key={route.workshopId} workshopId={route.workshopId} />
        </Suspense>
      )
    case 'projector':
      return (
        <Suspense fallback={null}>
          <ProjectorEntryPage key={route.workshopId} />
        </Suspense>
      )
    case 'join':
      return <JoinPage key={route.code ?? ''} code={route.code} />
    case 'start':
      return <StartPage />
  }
}
