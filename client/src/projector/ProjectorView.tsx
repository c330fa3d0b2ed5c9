import { type CSSProperties, useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { useViewFollowing } from '../facilitation/useViewFollowing.ts'
import { useSession } from '../state/sessionStore.ts'
import { ConnectionStatusBadge } from '../ui/ConnectionStatusBadge.tsx'
import { roundTimer, useRound } from '../voting/index.ts'
import { ProjectorCountdown } from './ProjectorCountdown.tsx'
import { ProjectorIdeaList, useBoardTooSmall } from './ProjectorIdeaList.tsx'
import { ProjectorMessage } from './ProjectorMessage.tsx'
import { ProjectorJoinScreen } from './ProjectorJoinScreen.tsx'
import { ProjectorResults } from './ProjectorResults.tsx'
import { useShownRound } from './ProjectorRound.tsx'
import { ProjectorSide, SoundButton } from './ProjectorSide.tsx'
import { ProjectorWalkthrough } from './ProjectorWalkthrough.tsx'
import { SIDE_COLUMN_SHARE } from './projectorLayout.ts'
import { rankingRows } from './rankingRows.ts'
import { useDisplayInfo } from './useDisplayInfo.ts'
import { useGatheredTables } from './useGatheredTables.ts'
import { useFitToContent, useShowFollowedView } from './useProjectorCamera.ts'
import { useProjectorMode } from './useProjectorMode.ts'
import { useProjectorResults } from './useProjectorResults.ts'
import { useWakeLock } from './useWakeLock.ts'
import './projector.css'

/** Places of the ranking on the big screen (a tie at the edge comes along whole). */
const RESULT_PLACES = 10

/**
 * The big screen (a projector token's view of a board, inside <Tldraw> with its UI hidden), in
 * the mode the facilitator chose (or a key on the projector machine): the board beside a side
 * column — fitted to the content, or the ideas as big cards when the cards would be too small to
 * read — or the countdown, the results or the way to join, full screen. Read-only; it keeps the
 * screen awake and never leaves by itself — the connection reconnects for as long as it takes.
 */
export function ProjectorView() {
  const { t } = useTranslation()
  const editor = useEditor()
  const { me, boardId, token } = useBoardContext()
  const state = useSession((s) => s.boardState)
  const info = useDisplayInfo(boardId, token)
  const currentRound = useRound()
  const revealed = currentRound?.status === 'revealed' ? currentRound.id : null
  const results = useProjectorResults(revealed, token)
  const rows = useMemo(() => (results ? rankingRows(results.ranking, RESULT_PLACES) : []), [results])
  const places = rows.length === 0 ? 0 : Math.max(...rows.map((r) => r.revealOrder)) + 1
  const tables = useGatheredTables(editor)
  const [paging, setPaging] = useState({ pages: 1, shownPage: 0 })
  const onPaging = useCallback((pages: number, shownPage: number) => setPaging({ pages, shownPage }), [])
  const [shown, setShown] = useProjectorMode({ places, ...paging, tables: tables.length })
  const onBoard = shown.mode === 'board'

  const showFollowed = useShowFollowedView(editor)
  const { following, leaderName } = useViewFollowing(editor, me, boardId, token, {
    leaveOnInteraction: false,
    show: showFollowed,
  })
  useFitToContent(editor, !following && onBoard)
  useWakeLock()
  const tooSmall = useBoardTooSmall(editor)

  const round = useShownRound(currentRound, state?.phase ?? 'collect')
  const title = info?.board.title ?? null
  return (
    <div
      className="pw-projector"
      data-testid="projector-view"
      data-mode={shown.mode}
      style={{ '--pw-side-share': SIDE_COLUMN_SHARE } as CSSProperties}
    >
      <ProjectorMessage />
      {onBoard ? (
        <>
          {following && leaderName ? (
            <p className="pw-projector__following" data-testid="projector-following">
              {t('facilitation.followingName', { name: leaderName })}
            </p>
          ) : tooSmall ? (
            <ProjectorIdeaList editor={editor} />
          ) : null}
          <ProjectorSide info={info} round={round} token={token} />
        </>
      ) : (
        <>
          {shown.mode === 'countdown' ? (
            <ProjectorCountdown title={title} timer={state?.timer ?? null} roundTimer={roundTimer(currentRound)} />
          ) : shown.mode === 'results' ? (
            <ProjectorResults
              title={title}
              round={currentRound}
              results={results}
              rows={rows}
              shownPlaces={shown.shownPlaces}
              manualPage={shown.page}
              onPaging={onPaging}
              onTurn={(page) => setShown({ ...shown, page })}
            />
          ) : shown.mode === 'walkthrough' ? (
            <ProjectorWalkthrough boardTitle={title} tables={tables} step={shown.step} />
          ) : (
            <ProjectorJoinScreen info={info} />
          )}
          <footer className="pw-stage__corner">
            <SoundButton />
            <ConnectionStatusBadge />
          </footer>
        </>
      )}
    </div>
  )
}

/**
 * What the projector shows before the board has loaded (outside <Tldraw>): title, question and
 * the way to join at once — nobody in the hall waits for the canvas to read the join code.
 */
export function ProjectorFirstPaint({ boardId, token }: { boardId: string; token: string }) {
  const info = useDisplayInfo(boardId, token)
  return (
    <div
      className="pw-projector pw-projector--first"
      data-testid="projector-first-paint"
      style={{ '--pw-side-share': SIDE_COLUMN_SHARE } as CSSProperties}
    >
      <ProjectorSide info={info} round={null} token={token} />
    </div>
  )
}
