import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { countdownParts, formatCountdown, timerProgress } from '../facilitation/countdown.ts'
import { serverTime } from '../facilitation/serverClock.ts'
import { TimerIcon, timerDisplayState } from '../facilitation/TimerChip.tsx'
import { playTimeUpSound } from '../facilitation/timerSound.ts'
import { useCountdown, useTimeUp } from '../facilitation/useCountdown.ts'
import { useSession } from '../state/sessionStore.ts'

const FLASH_MS = 3200

/** The board timer, big enough to read from the back of the hall; at zero a sound and a flash. */
export function ProjectorTimer() {
  const { t } = useTranslation()
  const timer = useSession((s) => s.boardState?.timer ?? null)
  const { remainingMs, ended } = useCountdown(timer)
  const [flashing, setFlashing] = useState(0)
  useTimeUp(timer, remainingMs, () => {
    playTimeUpSound()
    const key = Date.now()
    setFlashing(key)
    setTimeout(() => setFlashing((current) => (current === key ? 0 : current)), FLASH_MS)
  })
  if (!timer) return null
  const state = timerDisplayState(timer, ended)
  const { minutes, seconds } = countdownParts(remainingMs)
  return (
    <section
      className="pw-projector__timer"
      data-state={state}
      data-testid="projector-timer"
      aria-label={t('projectorView.timer')}
    >
      <p
        className="pw-projector__timer-time"
        role="timer"
        aria-label={t('facilitation.timerLabel', { minutes, seconds })}
      >
        <TimerIcon size={56} />
        <span data-testid="projector-timer-time">{formatCountdown(remainingMs)}</span>
      </p>
      <div className="pw-projector__timer-bar" aria-hidden="true">
        <div style={{ transform: `scaleX(${1 - timerProgress(timer, serverTime())})` }} />
      </div>
      {state !== 'running' ? <p className="pw-projector__timer-state">{t(`facilitation.state.${state}`)}</p> : null}
      {flashing ? (
        <div key={flashing} className="pw-projector__flash" data-testid="projector-flash" aria-hidden="true" />
      ) : null}
    </section>
  )
}
