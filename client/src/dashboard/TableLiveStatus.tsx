import type { TableStatus } from '@pinnwand/shared/controlApi'
import { useEffect, useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

/** "4:05"; hours when a timer is that long. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** Up to eight names; more read "und 4 weitere", so a big table does not fill the card. */
const NAMES_SHOWN = 8

function namesText(t: TFunction, names: readonly string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ')
  const more = names.length - NAMES_SHOWN
  return more > 0 ? `${shown} ${t('control.andMore', { count: more })}` : shown
}

/** The current time, advancing every second while something counts down. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [active])
  return now
}

/** Time left of a timer or round on the server's clock; null when nothing counts. */
function leftOf(
  running: { endsAt: number | null; remainingMs: number | null; running: boolean } | null,
  serverNow: number,
): number | null {
  if (!running) return null
  if (!running.running) return running.remainingMs
  return running.endsAt === null ? null : Math.max(0, running.endsAt - serverNow)
}

/**
 * What the control room shows of one table while it works: the open round's progress ("5 von 8
 * haben abgestimmt"), time left, and a warning when a collecting table has gone quiet.
 */
export function TableLiveStatus({ table, clockOffset }: { table: TableStatus; clockOffset: number }) {
  const { t } = useTranslation()
  const round = table.round
  const counting = Boolean(table.timer?.running || (round?.status === 'open' && round.closesAt))
  const serverNow = useNow(counting) + clockOffset
  const timerLeft = leftOf(table.timer, serverNow)
  const roundLeft =
    round?.status === 'open'
      ? leftOf(
          { running: round.closesAt !== null, endsAt: round.closesAt, remainingMs: round.pausedRemainingMs },
          serverNow,
        )
      : null
  return (
    <div className="pw-live-status" data-testid="table-live-status">
      {table.finished !== null ? (
        <p className="pw-live-status__finished" data-testid="finished">
          {t('control.finished', { count: table.finished, present: Math.max(table.present, table.finished) })}
        </p>
      ) : null}
      {round ? (
        <p className={`pw-live-status__round pw-live-status__round--${round.status}`} data-testid="round-progress">
          <strong>{t(`control.round.${round.status}`)}</strong>
          {' · '}
          <span data-testid="voters-done">
            {t('control.votersDone', { count: round.done, present: Math.max(table.present, round.done) })}
          </span>
          {' · '}
          <span>{t('control.dotsPlaced', { count: round.totalVotes })}</span>
          {roundLeft !== null ? (
            <>
              {' · '}
              <span>{t('control.roundLeft', { time: formatClock(roundLeft) })}</span>
            </>
          ) : null}
        </p>
      ) : (
        <p className="pw-live-status__round">{t('control.noRound')}</p>
      )}
      {round?.notDone && round.notDone.length > 0 ? (
        <p className="pw-live-status__busy" data-testid="not-done">
          {t('control.notDone', { names: namesText(t, round.notDone) })}
        </p>
      ) : null}
      {timerLeft !== null ? (
        <p className="pw-live-status__timer" data-testid="timer-left">
          {timerLeft === 0
            ? t('control.timerUp')
            : t(table.timer?.running ? 'control.timerLeft' : 'control.timerPaused', { time: formatClock(timerLeft) })}
        </p>
      ) : null}
      {table.idle ? (
        <p className="pw-warning pw-live-status__idle" role="status" data-testid="idle-warning">
          {t('control.idle', { count: 5 })}
        </p>
      ) : null}
    </div>
  )
}
