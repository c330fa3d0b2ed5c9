import { lazy, Suspense } from 'react'
import { JoinPage } from './pages/JoinPage.tsx'
import { useRoute } from './router.ts'

// Organisers' pages: a participant opening a board does not download them.
const StartPage = lazy(() => import('./pages/StartPage.tsx').then((module) => ({ default: module.StartPage })))
const DashboardPage = lazy(() =>
  import('./pages/DashboardPage.tsx').then((module) => ({ default: module.DashboardPage })),
)
// The canvas (tldraw) is most of the bundle; the start page should not wait for it.
const BoardPage = lazy(() => import('./pages/BoardPage.tsx').then((module) => ({ default: module.BoardPage })))
// The QR encoder is only needed for printing.
const JoinSheetPage = lazy(() =>
  import('./pages/JoinSheetPage.tsx').then((module) => ({ default: module.JoinSheetPage })),
)
const AccessibilityPage = lazy(() =>
  import('./pages/AccessibilityPage.tsx').then((module) => ({ default: module.AccessibilityPage })),
)
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
      return (
        <Suspense fallback={null}>
          <DashboardPage key={route.workshopId} workshopId={route.workshopId} />
        </Suspense>
      )
    case 'joinSheet':
      return (
        <Suspense fallback={null}>
          <JoinSheetPage key={route.workshopId} workshopId={route.workshopId} />
        </Suspense>
      )
    case 'projector':
      return (
        <Suspense fallback={null}>
          <ProjectorEntryPage key={route.workshopId} workshopId={route.workshopId} />
        </Suspense>
      )
    case 'join':
      return <JoinPage key={route.code ?? ''} code={route.code} />
    case 'accessibility':
      return (
        <Suspense fallback={null}>
          <AccessibilityPage />
        </Suspense>
      )
    case 'start':
      return (
        <Suspense fallback={null}>
          <StartPage />
        </Suspense>
      )
  }
}
