import type { BoardTimerSection } from '@pinnwand/shared/boardState'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSession } from '../state/sessionStore.ts'
import { countdownParts, formatCountdown } from './countdown.ts'
import { useCountdown } from './useCountdown.ts'
import './facilitation.css'

export type TimerDisplayState = 'running' | 'paused' | 'ended'

export function timerDisplayState(timer: BoardTimerSection, ended: boolean): TimerDisplayState {
  return ended ? 'ended' : timer.running ? 'running' : 'paused'
}

/** A stopwatch glyph, drawn inline (no icon font, no request). */
export function TimerIcon({ size = 16 }: { size?: number }) {
  return (
    <svg className="pw-icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="13" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 13V9M9 2h6M19 6l-1.5 1.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  )
}

/**
 * The board's timer for everyone, in tldraw's top bar: the countdown, and whether it is paused
 * or up. Screen readers hear changes (started, paused, time is up) — not every second.
 */
export function TimerChip() {
  const { t } = useTranslation()
  const timer = useSession((s) => s.boardState?.timer ?? null)
  const { remainingMs, ended } = useCountdown(timer)
  const state = timer ? timerDisplayState(timer, ended) : null
  const announcement = useTimerAnnouncement(timer, state, remainingMs)
  const { minutes, seconds } = countdownParts(remainingMs)
  return (
    <>
      {timer && state ? (
        <span
          className="pw-chip pw-timer-chip"
          role="timer"
          data-testid="board-timer"
          data-state={state}
          aria-label={t('facilitation.timerLabel', { minutes, seconds })}
        >
          <TimerIcon />
          <span className="pw-timer-chip__time">{formatCountdown(remainingMs)}</span>
          {state === 'paused' ? <span>{t('facilitation.paused')}</span> : null}
          {state === 'ended' ? <span>{t('facilitation.timeUp')}</span> : null}
        </span>
      ) : null}
      <span className="pw-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
    </>
  )
}

/**
 * One sentence per change of the timer, for the live region. Kept with the change it belongs to
 * and replaced during render when the timer changes (React's "adjust state when a prop changes"):
 * the remaining time at that moment is said once, not again at every tick of the countdown.
 */
function useTimerAnnouncement(
  timer: BoardTimerSection | null,
  state: TimerDisplayState | null,
  remainingMs: number,
): string {
  const { t } = useTranslation()
  const key = timer && state ? `${state}:${timer.endsAt ?? timer.remainingMs}` : 'none'
  const [announced, setAnnounced] = useState({ key: 'none', text: '' })
  if (announced.key !== key) {
    const { minutes, seconds } = countdownParts(remainingMs)
    let text: string
    // A timer that goes away after one was announced: say so; none at all: say nothing.
    if (key === 'none') text = announced.text ? t('facilitation.announceStopped') : ''
    else if (state === 'ended') text = t('facilitation.announceTimeUp')
    else if (state === 'paused') text = t('facilitation.announcePaused', { minutes, seconds })
    else text = t('facilitation.announceRunning', { minutes, seconds })
    setAnnounced({ key, text })
  }
  return announced.text
}
