import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Tldraw, type Editor, type TLComponents } from 'tldraw'
import 'tldraw/tldraw.css'
import type { Me } from '../api/apiClient.ts'
import { createIdeaCardTool } from '../shapes/createIdeaCardTool.ts'
import { boardBindingUtils, boardShapeUtils } from '../sync/createBoardStore.ts'
import { syncRemotePresence } from '../sync/presence.ts'
import { publishLocalPresence } from '../sync/publishLocalPresence.ts'
import { stampShapeAuthor } from './stampShapeAuthor.ts'
import { userColor } from '../sync/userColor.ts'
import { ConnectionStatusBadge } from '../ui/ConnectionStatusBadge.tsx'
import type { BoardSession } from './useBoardSession.ts'
import { IdeaCardToolbar, ideaCardUiOverrides } from './IdeaCardToolbar.tsx'

// Fonts, icons and translations come from our own origin: the venue LAN may have no internet,
// and no request may leave the organiser's server.
const assetUrls = getAssetUrlsByImport()

const components: TLComponents = {
  Toolbar: IdeaCardToolbar,
  SharePanel: ConnectionStatusBadge,
}

declare global {
  interface Window {
    /** Handles for end-to-end tests and debugging; holds nothing the user could not see. */
    __pinnwand?: { editor: Editor; doc: BoardSession['connection']['doc']; provider: BoardSession['connection']['provider'] }
  }
}

export function BoardCanvas({ session, me, licenseKey }: { session: BoardSession; me: Me; licenseKey: string | null }) {
  const { i18n } = useTranslation()
  const tools = useMemo(() => [createIdeaCardTool(() => ({ name: me.name, userId: me.userId }))], [me])

  const onMount = (editor: Editor) => {
    const { connection, store } = session
    window.__pinnwand = { editor, doc: connection.doc, provider: connection.provider }
    if (me.role === 'projector') editor.updateInstanceState({ isReadonly: true })
    const stopStamping = stampShapeAuthor(editor, me.userId)
    const stopRemote = syncRemotePresence(store, connection.provider.awareness)
    const stopLocal = publishLocalPresence(editor, connection.provider.awareness, {
      id: me.userId,
      name: me.name,
      color: userColor(me.userId),
      role: me.role,
    })
    return () => {
      stopStamping()
      stopLocal()
      stopRemote()
      delete window.__pinnwand
    }
  }

  return (
    <div className="pw-board" data-testid="board-root">
      <Tldraw
        store={session.store}
        shapeUtils={boardShapeUtils}
        bindingUtils={boardBindingUtils}
        tools={tools}
        overrides={ideaCardUiOverrides}
        components={components}
        assetUrls={assetUrls}
        licenseKey={licenseKey ?? undefined}
        locale={i18n.language}
        onMount={onMount}
      />
    </div>
  )
}
