import type { BoardViewSection } from '@pinnwand/shared/boardState'
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Editor, react } from 'tldraw'
import type { Me } from '../api/apiClient.ts'
import { useSession } from '../state/sessionStore.ts'
import { displayPersonName } from '../session/personName.ts'
import { throttle } from '../sync/throttle.ts'
import { viewAction } from './facilitationApi.ts'
import {
  decideView,
  type FollowMemory,
  initialFollowMemory,
  isFollowing,
  isLeavingInteraction,
  leaveFollowing,
  rejoinFollowing,
} from './followRules.ts'
import { currentView, showView } from './showView.ts'

const FOLLOW_MOVE_MS = 300
const SUMMON_MOVE_MS = 600
/** How often the facilitator's moving view is sent while everyone follows. */
const PUBLISH_INTERVAL_MS = 250

export interface ViewFollowing {
  /** This screen follows the shared view now. */
  following: boolean
  /** Name of whoever shares a view ("follow me" is on), or null. */
  leaderName: string | null
  /** This person's own "follow me" is on (they are the one being followed). */
  sharing: boolean
  stop(): void
  rejoin(): void
}

/**
 * Carries out "follow me" and "bring everyone to my view" on this screen, from the server-owned
 * board state (never from awareness, which any client can publish). Panning, zooming or dragging
 * leaves following; the facilitator's own screen sends its view while "follow me" is on.
 */
export function useViewFollowing(
  editor: Editor,
  me: Me,
  boardId: string,
  token: string,
  {
    leaveOnInteraction = true,
    show = (view: BoardViewSection, durationMs: number) => showView(editor, view, durationMs),
  }: { leaveOnInteraction?: boolean; show?: (view: BoardViewSection, durationMs: number) => void } = {},
): ViewFollowing {
  const { t } = useTranslation()
  const follow = useSession((s) => s.boardState?.follow ?? null)
  const summon = useSession((s) => s.boardState?.summon ?? null)
  // The memory as effects and handlers need it between renders (the latest), and as render
  // shows it: `remember` sets both.
  const memory = useRef<FollowMemory>(initialFollowMemory)
  const [shownMemory, setShownMemory] = useState<FollowMemory>(initialFollowMemory)
  const { userId, role } = me
  const following = isFollowing({ follow, summon }, { userId, role }, shownMemory)

  const remember = useCallback((next: FollowMemory) => {
    memory.current = next
    setShownMemory(next)
  }, [])

  // The caller's `show` as it is now, without being a reason to run the effect below (callers
  // pass a new function at every render).
  const showNow = useEffectEvent((view: BoardViewSection, durationMs: number) => show(view, durationMs))

  // Every new board state: follow, jump once, or leave the camera alone.
  useEffect(() => {
    const { command, memory: next } = decideView({ follow, summon }, { userId, role }, memory.current)
    remember(next)
    if (command.kind === 'follow') showNow(command.view, FOLLOW_MOVE_MS)
    else if (command.kind === 'jump') showNow(command.view, SUMMON_MOVE_MS)
  }, [follow, summon, editor, userId, role, remember])

  // While following: the person's own pan, zoom or drag means "let me look myself".
  useEffect(() => {
    if (!following || !leaveOnInteraction) return
    const onEvent = (info: { type: string; name: string }) => {
      if (isLeavingInteraction(info, editor.inputs.getIsDragging())) {
        remember(leaveFollowing({ follow: useSession.getState().boardState?.follow ?? null }, memory.current))
      }
    }
    editor.on('event', onEvent)
    return () => {
      editor.off('event', onEvent)
    }
  }, [following, leaveOnInteraction, editor, remember])

  // The facilitator's screen while "follow me" is on: send each new view (the latest only).
  const sharing = !!follow && follow.userId === me.userId
  useEffect(() => {
    if (!sharing) return
    let inFlight = false
    let again = false
    const send = async () => {
      if (inFlight) {
        again = true
        return
      }
      inFlight = true
      try {
        await viewAction(boardId, { action: 'follow', ...currentView(editor) }, token)
      } catch {
        // The next move sends again; a lost one only delays the followers.
      } finally {
        inFlight = false
        if (again) {
          again = false
          void send()
        }
      }
    }
    const publish = throttle(() => void send(), PUBLISH_INTERVAL_MS)
    let first = true
    const stop = react('share view while followed', () => {
      editor.getViewportPageBounds()
      editor.getCurrentPageId()
      // The first run is the view "follow me" was started with: already on the server.
      if (first) first = false
      else publish()
    })
    return () => {
      stop()
      publish.cancel()
    }
  }, [sharing, editor, boardId, token])

  const stop = useCallback(() => {
    remember(leaveFollowing({ follow: useSession.getState().boardState?.follow ?? null }, memory.current))
  }, [remember])
  const rejoin = () => {
    remember(rejoinFollowing(memory.current))
    const current = useSession.getState().boardState?.follow
    if (current) show(current, FOLLOW_MOVE_MS)
  }

  return {
    following,
    leaderName: follow && !sharing ? displayPersonName(t, follow.name, follow.userId) : null,
    sharing,
    stop,
    rejoin,
  }
}
