import { ConnectionStatusBadge } from '../ui/ConnectionStatusBadge.tsx'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { PresencePanel } from './PresencePanel.tsx'

/** tldraw's top-right slot: connection, who is here, language. */
export function BoardSharePanel() {
  return (
    <div className="pw-share-panel">
      <ConnectionStatusBadge />
      <PresencePanel />
      <LanguageSwitch className="pw-lang--board" />
    </div>
  )
}
