import type { TimerActionBody } from '@pinnwand/shared/facilitationApi'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/apiClient.ts'
import { errorMessageKey } from '../api/errorMessageKey.ts'
import { useBoardContext } from '../board/BoardContext.ts'
import { useSession } from '../state/sessionStore.ts'
import { formatCountdown } from './countdown.ts'
import { timerAction } from './facilitationApi.ts'
import { timerDisplayState } from './TimerChip.tsx'
import { useCountdown } from './useCountdown.ts'

const PRESET_MINUTES = [3, 5, 10, 15]
const MAX_MINUTES = 12 * 60

/** The facilitator's timer: presets or any number of minutes, pause/resume, one more minute, stop. */
export function TimerControls() {
  const { t } = useTranslation()
  const { boardId, token } = useBoardContext()
  const timer = useSession((s) => s.boardState?.timer ?? null)
  const { remainingMs, ended } = useCountdown(timer)
  const id = useId()
  const [minutes, setMinutes] = useState('10')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [invalidMinutes, setInvalidMinutes] = useState(false)

  const run = async (action: TimerActionBody) => {
    setBusy(true)
    setError(null)
    setInvalidMinutes(false)
    try {
      await timerAction(boardId, action, token)
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }
  const startCustom = (event: FormEvent) => {
    event.preventDefault()
    const value = Number(minutes)
    if (!Number.isFinite(value) || value <= 0 || value > MAX_MINUTES) {
      setInvalidMinutes(true)
      return
    }
    void run({ action: 'start', seconds: Math.max(1, Math.round(value * 60)) })
  }
  const state = timer ? timerDisplayState(timer, ended) : null
  const describe = (cause: unknown) => {
    // The timer's own refusals (e.g. pausing a timer someone just stopped) in the UI's words.
    if (cause instanceof ApiError && cause.status === 409) return t('facilitation.changedMeanwhile')
    const { key, values } = errorMessageKey(cause)
    return t(key, values)
  }

  return (
    <section className="pw-facilitation__section" aria-labelledby={`${id}-heading`} data-testid="timer-controls">
      <h3 id={`${id}-heading`} className="pw-facilitation__heading">
        {t('facilitation.timerHeading')}
      </h3>
      {timer && state ? (
        <p className="pw-facilitation__countdown" data-state={state}>
          <span data-testid="timer-controls-time">{formatCountdown(remainingMs)}</span>{' '}
          <span className="pw-facilitation__state">{t(`facilitation.state.${state}`)}</span>
        </p>
      ) : (
        <p className="pw-facilitation__hint">{t('facilitation.timerHint')}</p>
      )}
      {timer ? (
        <div className="pw-facilitation__buttons">
          {state === 'running' ? (
            <button
              type="button"
              className="pw-button pw-button--secondary"
              disabled={busy}
              onClick={() => void run({ action: 'pause' })}
            >
              {t('facilitation.pause')}
            </button>
          ) : null}
          {state === 'paused' ? (
            <button
              type="button"
              className="pw-button pw-button--secondary"
              disabled={busy}
              onClick={() => void run({ action: 'resume' })}
            >
              {t('facilitation.resume')}
            </button>
          ) : null}
          <button
            type="button"
            className="pw-button pw-button--secondary"
            disabled={busy}
            onClick={() => void run({ action: 'add' })}
          >
            {t('facilitation.addMinute')}
          </button>
          <button
            type="button"
            className="pw-button pw-button--secondary"
            disabled={busy}
            onClick={() => void run({ action: 'stop' })}
          >
            {t('facilitation.stop')}
          </button>
        </div>
      ) : null}
      <div className="pw-facilitation__buttons" role="group" aria-label={t('facilitation.presets')}>
        {PRESET_MINUTES.map((m) => (
          <button
            key={m}
            type="button"
            className="pw-button pw-button--secondary"
            disabled={busy}
            onClick={() => void run({ action: 'start', seconds: m * 60 })}
          >
            {t('facilitation.startMinutes', { count: m })}
          </button>
        ))}
      </div>
      <form className="pw-facilitation__custom" onSubmit={startCustom}>
        <label htmlFor={`${id}-minutes`}>{t('facilitation.minutesLabel')}</label>
        <input
          id={`${id}-minutes`}
          className="pw-input"
          type="number"
          inputMode="decimal"
          min={1}
          max={MAX_MINUTES}
          step="any"
          value={minutes}
          aria-invalid={invalidMinutes}
          aria-describedby={invalidMinutes ? `${id}-error` : undefined}
          onChange={(event) => setMinutes(event.target.value)}
        />
        <button type="submit" className="pw-button" disabled={busy} data-testid="timer-start">
          {t('facilitation.start')}
        </button>
      </form>
      <p id={`${id}-error`} role="status" aria-live="polite" className="pw-facilitation__error">
        {invalidMinutes ? t('facilitation.minutesInvalid', { max: MAX_MINUTES }) : error ? describe(error) : null}
      </p>
    </section>
  )
}
