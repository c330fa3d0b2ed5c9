import type { RoundStateSection } from '@pinnwand/shared/votingApi'
import { useTranslation } from 'react-i18next'
import { countdownParts, formatCountdown } from '../facilitation/countdown.ts'
import { useCountdown } from '../facilitation/useCountdown.ts'
import { roundTimer } from './readRoundSection.ts'
import { spokenDuration } from '../i18n/spokenDuration.ts'

/** The round's time left (server clock), "paused" while the facilitator stopped it. */
export function RoundClock({ round }: { round: RoundStateSection }) {
  const { t } = useTranslation()
  const timer = roundTimer(round)
  const { remainingMs } = useCountdown(timer)
  if (!timer) return null
  const { minutes, seconds } = countdownParts(remainingMs)
  return (
    <span className="pw-round-clock" data-testid="round-clock" data-paused={!timer.running}>
      <ClockIcon />
      <span aria-hidden="true">{formatCountdown(remainingMs)}</span>
      <span className="pw-visually-hidden">
        {t('voting.timeLeft', { duration: spokenDuration(t, minutes, seconds) })}
      </span>
      {timer.running ? null : <span className="pw-round-clock__paused"> · {t('voting.paused')}</span>}
    </span>
  )
}

function ClockIcon() {
  return (
    <svg
      className="pw-round-clock__icon"
      width="14"
      height="14"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="8" cy="9" r="6" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M8 5.5V9l2.2 1.6M6 1.5h4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  )
}
