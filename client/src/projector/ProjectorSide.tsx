import type { BoardDisplayInfo } from '@pinnwand/shared/facilitationApi'
import type { RoundStateSection } from '@pinnwand/shared/votingApi'
import { useEffect, useState } from 'react'
import { tableName } from '@pinnwand/shared/tableName'
import { useTranslation } from 'react-i18next'
import { enableSound } from '../facilitation/timerSound.ts'
import { useSession } from '../state/sessionStore.ts'
import { liveTableNumber } from '../board/liveTableNumber.ts'
import { ConnectionStatusBadge } from '../ui/ConnectionStatusBadge.tsx'
import { ProjectorPrivateCount } from '../privatePhase/ProjectorPrivateCount.tsx'
import { PhaseSteps } from './PhaseSteps.tsx'
import { ProjectorJoin } from './ProjectorJoin.tsx'
import { ProjectorRound } from './ProjectorRound.tsx'
import { ProjectorTimer } from './ProjectorTimer.tsx'

/**
 * The side column of the board mode: title, question, phase, timer, voting and the way to join.
 * Needs no canvas, so it is also the projector's first paint (ProjectorFirstPaint).
 */
export function ProjectorSide({
  info,
  round,
  token,
}: {
  info: BoardDisplayInfo | null
  round: RoundStateSection | null
  token: string
}) {
  const { t } = useTranslation()
  const state = useSession((s) => s.boardState)
  return (
    <aside className="pw-projector__side" aria-label={t('projectorView.label')}>
      <header className="pw-projector__head">
        {info ? (
          <>
            <h1 className="pw-projector__title" data-testid="projector-title">
              {/* "Tisch 3 · Mobilität": the workshop projector switches tables, the hall must see which. */}
              {tableName(info.board.title, liveTableNumber(info.board.number, state), (number, title) =>
                t('control.tableName', { number, title }),
              )}
            </h1>
            {info.board.question ? (
              <p className="pw-projector__question" data-testid="projector-question">
                {info.board.question}
              </p>
            ) : null}
          </>
        ) : null}
        {state ? <PhaseSteps phase={state.phase} /> : null}
      </header>
      <ProjectorTimer />
      <ProjectorPrivateCount />
      {round ? <ProjectorRound round={round} token={token} /> : null}
      {info ? <ProjectorJoin info={info} compact={round?.status === 'revealed'} /> : null}
      <footer className="pw-projector__foot">
        <SoundButton />
        <ConnectionStatusBadge />
      </footer>
    </aside>
  )
}

/** Browsers play sound only after someone touched the page: one click here allows the timer's beep. */
export function SoundButton() {
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
