import type { BoardTimerSection } from '@pinnwand/shared/boardState'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { countdownParts, formatCountdown, timerProgress } from '../facilitation/countdown.ts'
import { serverTime } from '../facilitation/serverClock.ts'
import { timerDisplayState } from '../facilitation/TimerChip.tsx'
import { playTimeUpSound } from '../facilitation/timerSound.ts'
import { useCountdown, useTimeUp } from '../facilitation/useCountdown.ts'

/** The last seconds are shown in another colour, so the back row sees the end coming. */
export const URGENT_MS = 10_000
const FLASH_MS = 3200

/**
 * The countdown full screen: digits of about half the screen height, another colour in the last
 * ten seconds, and at zero a sound, three slow flashes and "Zeit ist um". Shows the board timer,
 * else the open voting round's.
 */
export function ProjectorCountdown({
  title,
  timer,
  roundTimer,
}: {
  title: string | null
  timer: BoardTimerSection | null
  roundTimer: BoardTimerSection | null
}) {
  const { t } = useTranslation()
  const shown = timer ?? roundTimer
  const { remainingMs, ended } = useCountdown(shown)
  const [flashing, setFlashing] = useState(0)
  useTimeUp(shown, remainingMs, () => {
    playTimeUpSound()
    const key = Date.now()
    setFlashing(key)
    setTimeout(() => setFlashing((current) => (current === key ? 0 : current)), FLASH_MS)
  })
  const state = shown ? timerDisplayState(shown, ended) : null
  const urgent = state === 'running' && remainingMs <= URGENT_MS
  const { minutes, seconds } = countdownParts(remainingMs)
  return (
    <section
      className="pw-stage pw-stage--countdown"
      data-testid="projector-countdown"
      data-state={state ?? 'none'}
      data-urgent={urgent}
      aria-label={t('projectorView.timer')}
    >
      <header className="pw-stage__head">
        {title ? <p className="pw-stage__board">{title}</p> : null}
        <p className="pw-stage__title">
          {!timer && roundTimer ? t('projectorView.voteOpen') : t('projectorView.timer')}
        </p>
      </header>
      {shown ? (
        <>
          <p
            className="pw-stage__digits"
            data-testid="projector-countdown-digits"
            role="timer"
            aria-label={t('facilitation.timerLabel', { minutes, seconds })}
          >
            {formatCountdown(remainingMs)}
          </p>
          <div className="pw-stage__progress" aria-hidden="true">
            <div style={{ transform: `scaleX(${1 - timerProgress(shown, serverTime())})` }} />
          </div>
          <p className="pw-stage__state" data-testid="projector-countdown-state" aria-live="polite">
            {state === 'ended' ? t('facilitation.timeUp') : state === 'paused' ? t('facilitation.paused') : ''}
          </p>
        </>
      ) : (
        <p className="pw-stage__waiting">{t('projectorMode.noTimer')}</p>
      )}
      {flashing ? (
        <div key={flashing} className="pw-projector__flash" data-testid="projector-flash" aria-hidden="true" />
      ) : null}
    </section>
  )
}
