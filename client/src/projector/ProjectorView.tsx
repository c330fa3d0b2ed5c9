import type { BoardDisplayInfo } from '@pinnwand/shared/facilitationApi'
import { type CSSProperties, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { fetchBoardDisplay } from '../facilitation/facilitationApi.ts'
import { enableSound } from '../facilitation/timerSound.ts'
import { useViewFollowing } from '../facilitation/useViewFollowing.ts'
import { useSession } from '../state/sessionStore.ts'
import { ConnectionStatusBadge } from '../ui/ConnectionStatusBadge.tsx'
import { useRound } from '../voting/index.ts'
import { PhaseSteps } from './PhaseSteps.tsx'
import { ProjectorJoin } from './ProjectorJoin.tsx'
import { ProjectorRound, useShownRound } from './ProjectorRound.tsx'
import { ProjectorTimer } from './ProjectorTimer.tsx'
import { SIDE_COLUMN_SHARE } from './projectorLayout.ts'
import { useFitToContent, useShowFollowedView } from './useProjectorCamera.ts'
import { useWakeLock } from './useWakeLock.ts'
import './projector.css'

const DISPLAY_RETRY_MS = 5000

/**
 * The big screen (a projector token's view of a board, inside <Tldraw> with its UI hidden): the
 * board fitted to the free part of the screen (or the facilitator's view during "follow me"), and
 * a side column with title, phase, timer, voting and the way to join. Read-only; it keeps the
 * screen awake and never leaves by itself — the connection reconnects for as long as it takes.
 */
export function ProjectorView() {
  const { t } = useTranslation()
  const editor = useEditor()
  const { me, boardId, token } = useBoardContext()
  const state = useSession((s) => s.boardState)
  const info = useDisplayInfo(boardId, token)
  const showFollowed = useShowFollowedView(editor)
  const { following, leaderName } = useViewFollowing(editor, me, boardId, token, {
    leaveOnInteraction: false,
    show: showFollowed,
  })
  useFitToContent(editor, !following)
  useWakeLock()

  const round = useShownRound(useRound(), state?.phase ?? 'collect')
  return (
    <div
      className="pw-projector"
      data-testid="projector-view"
      style={{ '--pw-side-share': SIDE_COLUMN_SHARE } as CSSProperties}
    >
      {following && leaderName ? (
        <p className="pw-projector__following" data-testid="projector-following">
          {t('facilitation.followingName', { name: leaderName })}
        </p>
      ) : null}
      <aside className="pw-projector__side" aria-label={t('projectorView.label')}>
        <header className="pw-projector__head">
          {info ? (
            <>
              <h1 className="pw-projector__title">{info.board.title}</h1>
              {info.board.question ? <p className="pw-projector__question">{info.board.question}</p> : null}
            </>
          ) : null}
          {state ? <PhaseSteps phase={state.phase} /> : null}
        </header>
        <ProjectorTimer />
        {round ? <ProjectorRound round={round} token={token} /> : null}
        {info ? <ProjectorJoin info={info} compact={round?.status === 'revealed'} /> : null}
        <footer className="pw-projector__foot">
          <SoundButton />
          <ConnectionStatusBadge />
        </footer>
      </aside>
    </div>
  )
}

/** Title, question and join code of the board; retried until the server answers. */
function useDisplayInfo(boardId: string, token: string): BoardDisplayInfo | null {
  const [info, setInfo] = useState<BoardDisplayInfo | null>(null)
  useEffect(() => {
    let cancelled = false
    let retry: ReturnType<typeof setTimeout> | null = null
    const load = () =>
      fetchBoardDisplay(boardId, token).then(
        (loaded) => !cancelled && setInfo(loaded),
        () => {
          if (!cancelled) retry = setTimeout(load, DISPLAY_RETRY_MS)
        },
      )
    void load()
    return () => {
      cancelled = true
      if (retry) clearTimeout(retry)
    }
  }, [boardId, token])
  return info
}

/** Browsers play sound only after someone touched the page: one click here allows the timer's beep. */
function SoundButton() {
  const { t } = useTranslation()
  const [on, setOn] = useState(false)
  useEffect(() => {
    // Kiosk browsers started with an autoplay permission need no click.
    void enableSound().then(setOn)
  }, [])
  if (on) return null
  return (
    <button
      type="button"
      className="pw-projector__sound"
      data-testid="projector-sound"
      onClick={() => void enableSound().then(setOn)}
    >
      {t('projectorView.soundOn')}
    </button>
  )
}
