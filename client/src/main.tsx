import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { setupI18n } from './i18n/setupI18n.ts'
import { registerOfflineShell } from './sync/registerOfflineShell.ts'
import './styles.css'
import './ui.css'
import './dashboard.css'
import './print.css'

setupI18n()
registerOfflineShell()

const root = document.getElementById('root')
if (!root) throw new Error('#root missing in index.html')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
