import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { lazy, Suspense, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Tldraw, type Editor, type TLComponents } from 'tldraw'
import 'tldraw/tldraw.css'
import type { Me } from '../api/apiClient.ts'
import { createIdeaCardTool } from '../shapes/createIdeaCardTool.ts'
import { boardBindingUtils, boardShapeUtils } from '../sync/createBoardStore.ts'
import { syncRemotePresence } from '../sync/presence.ts'
import { publishLocalPresence } from '../sync/publishLocalPresence.ts'
import { showEverythingOnOpen } from './showEverything.ts'
import { ShowEverythingButton } from './ShowEverythingButton.tsx'
import './board.css'
import { stampShapeAuthor } from './stampShapeAuthor.ts'
import { userColor } from '../sync/userColor.ts'
import { useSession } from '../state/sessionStore.ts'
import { boardLock } from '../facilitation/boardLock.ts'
import { ViewFollowing } from '../facilitation/ViewFollowing.tsx'
import { BoardContext, type BoardContextValue } from './BoardContext.ts'
import { BoardSharePanel } from './BoardSharePanel.tsx'
import { SelectionStylePanel } from './SelectionStylePanel.tsx'
import { BoardSidePanel } from './BoardSidePanel.tsx'
import { BoardToasts } from './BoardToasts.tsx'
import { AddIdeaField } from '../ideas/AddIdeaField.tsx'
import { PrivatePhaseSync } from '../privatePhase/PrivatePhaseSync.tsx'
import { PrivateTray } from '../privatePhase/PrivateTray.tsx'
import { ModerationSync } from '../moderation/ModerationSync.tsx'
import { HeldTray } from '../moderation/HeldTray.tsx'
import { installMediaHandlers, MediaToasts } from '../images/BoardMediaHandlers.tsx'
import { installHeldBackCards } from '../ideas/heldBack/installHeldBackCards.ts'
import { HeldBackToasts } from '../ideas/heldBack/HeldBackToasts.tsx'
import { IdeaAnnouncer } from '../ideas/IdeaAnnouncer.tsx'
import { VotingBar } from '../voting/VotingBar.tsx'
import { isPhoneLayout } from '../ideas/phoneLayout.ts'
import { ClusterToolbar } from '../clusters/ClusterToolbar.tsx'
import { CardToolbar } from '../ideas/CardToolbar.tsx'
import { installOwnUndo } from '../undo/installOwnUndo.ts'
import { UndoNotice, useUndoNotice } from '../undo/UndoNotice.tsx'
import { BoardStatusPanel, LockNotice } from './BoardStatusPanel.tsx'
import type { BoardSession } from './useBoardSession.ts'
import { boardUiOverrides, IdeaCardToolbar } from './IdeaCardToolbar.tsx'
import { BoardContextMenu, BoardQuickActions } from './BoardMenus.tsx'
import { createClusterTool } from './createClusterTool.ts'
import { guardShapeChanges } from './guardShapeChanges.ts'
import { setEditorPerson } from './permissions.ts'

// Only the big screen needs the projector view (and its QR encoder): not in a participant's download.
const ProjectorView = lazy(() => import('../projector/ProjectorView.tsx').then((m) => ({ default: m.ProjectorView })))

// Fonts, icons and translations come from our own origin: the venue LAN may have no internet,
// and no request may leave the organiser's server.
const assetUrls = getAssetUrlsByImport()

const components: TLComponents = {
  Toolbar: IdeaCardToolbar,
  StylePanel: SelectionStylePanel,
  SharePanel: BoardSharePanel,
  TopPanel: BoardStatusPanel,
  QuickActions: BoardQuickActions,
  ContextMenu: BoardContextMenu,
  Toasts: BoardToasts,
}

declare global {
  interface Window {
    /** Handles for end-to-end tests and debugging; holds nothing the user could not see. */
    __pinnwand?: {
      editor: Editor
      doc: BoardSession['connection']['doc']
      provider: BoardSession['connection']['provider']
    }
  }
}

/**
 * Projectors never write; participants cannot while the board is locked (the server reverts
 * their writes anyway — this keeps them from typing into a board that throws the text away).
 */
function isReadonly(me: Me, locked: boolean): boolean {
  return me.role === 'projector' || (locked && me.role === 'participant')
}

export function BoardCanvas({
  session,
  me,
  licenseKey,
  boardId,
  token,
}: {
  session: BoardSession
  me: Me
  licenseKey: string | null
  boardId: string
  token: string
}) {
  const { i18n } = useTranslation()
  const tools = useMemo(
    () => [
      createIdeaCardTool(() => ({ name: me.name, userId: me.userId })),
      createClusterTool(() => ({ title: i18n.t('clusters.newTitle'), userId: me.userId })),
    ],
    [me, i18n],
  )
  const overrides = useMemo(() => boardUiOverrides(me.role), [me.role])
  // One page for participants: tldraw then shows no page menu ("Board ▾", "Create new page")
  // and no "move to page" — a workshop board is one page, and a second one would hide cards.
  const options = useMemo(() => (me.role === 'facilitator' ? undefined : { maxPages: 1 }), [me.role])
  const context = useMemo<BoardContextValue>(() => ({ session, me, boardId, token }), [session, me, boardId, token])

  const onMount = (editor: Editor) => {
    const { connection, store } = session
    window.__pinnwand = { editor, doc: connection.doc, provider: connection.provider }
    setEditorPerson(editor, me)
    const stopOverview = showEverythingOnOpen(editor)
    const applyReadonly = (locked: boolean) => {
      const readonly = isReadonly(me, locked)
      if (editor.getInstanceState().isReadonly === readonly) return
      // Leave any text edit first, so a half-typed card is not stuck in edit mode.
      if (readonly) editor.complete().selectNone().setCurrentTool('select')
      editor.updateInstanceState({ isReadonly: readonly })
    }
    // Locked by the facilitator or by an open voting round (boardLock): the server refuses both.
    applyReadonly(boardLock(useSession.getState().boardState).locked)
    const stopReadonly = useSession.subscribe((state) => applyReadonly(boardLock(state.boardState).locked))
    installMediaHandlers(editor)
    // After the media handlers: it replaces their link handler and falls back to it.
    const stopHeldBack = installHeldBackCards(editor, { me, boardId, token })
    const stopStamping = stampShapeAuthor(editor, me)
    const stopGuard = guardShapeChanges(editor)
    const stopOwnUndo = installOwnUndo(editor, () => useUndoNotice.getState().show())
    // On a phone the idea list is the main view; the canvas is one tap away.
    if (isPhoneLayout() && me.role !== 'projector') useSession.getState().setOpenPanel('ideas')
    // No cursors or name labels over the cards on the big screen (issue 14).
    const stopRemote = me.role === 'projector' ? () => {} : syncRemotePresence(store, connection.provider.awareness)
    const stopLocal = publishLocalPresence(
      editor,
      connection.provider.awareness,
      {
        id: me.userId,
        name: me.name,
        color: userColor(me.userId),
        role: me.role,
      },
      me.role !== 'projector',
    )
    return () => {
      stopOverview()
      stopHeldBack()
      stopReadonly()
      stopStamping()
      stopGuard()
      stopOwnUndo()
      stopLocal()
      stopRemote()
      delete window.__pinnwand
    }
  }

  return (
    <div className="pw-board" data-testid="board-root">
      <BoardContext.Provider value={context}>
        <Tldraw
          store={session.store}
          shapeUtils={boardShapeUtils}
          bindingUtils={boardBindingUtils}
          tools={tools}
          overrides={overrides}
          components={components}
          assetUrls={assetUrls}
          licenseKey={licenseKey ?? undefined}
          locale={i18n.language}
          onMount={onMount}
          options={options}
          hideUi={me.role === 'projector'}
        >
          {me.role === 'projector' ? (
            <Suspense fallback={null}>
              <ProjectorView />
            </Suspense>
          ) : (
            <ViewFollowing />
          )}
          {me.role === 'projector' ? null : <MediaToasts />}
          {me.role === 'participant' ? <HeldBackToasts /> : null}
          {me.role === 'projector' ? null : <BoardSidePanel />}
          {me.role === 'projector' ? null : <ShowEverythingButton />}
          <PrivatePhaseSync />
          <PrivateTray variant="dock" />
          <ModerationSync />
          <HeldTray variant="dock" />
          <AddIdeaField className="pw-add-idea--dock" hideWhenLocked />
          <ClusterToolbar />
          <CardToolbar />
          <IdeaAnnouncer />
          <VotingBar />
          <UndoNotice />
        </Tldraw>
        <LockNotice />
      </BoardContext.Provider>
    </div>
  )
}
