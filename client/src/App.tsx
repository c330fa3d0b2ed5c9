import { BoardPage } from './pages/BoardPage.tsx'
import { StartPage } from './pages/StartPage.tsx'
import { useRoute } from './router.ts'

export function App() {
  const route = useRoute()
  switch (route.name) {
    case 'board':
      // key: a different board is a different session (doc, socket, store).
      return <BoardPage key={route.boardId} boardId={route.boardId} />
    case 'start':
      return <StartPage />
  }
}
