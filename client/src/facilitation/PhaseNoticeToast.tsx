import type { BoardStateMessage } from '@pinnwand/shared/boardState'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { displayPersonName } from '../session/personName.ts'
import { useAnnouncer } from '../ideas/announcer.ts'
import { useSession } from '../state/sessionStore.ts'
import { noticesBetween, type PhaseNotice, supersede } from './phaseNotices.ts'
import { useCountdown, useTimeUp } from './useCountdown.ts'
import './facilitation.css'

/** Opening a round sends the phase and the round as two messages: they are told as one notice. */
const GATHER_MS = 400
/** Long enough to read on a phone that was just picked up; the phase chip keeps the news anyway. */
const SHOW_MS = 8000
const VIBRATE_MS = [200, 100, 200]

/**
 * A short, polite notice on a participant's screen when something changes for the whole table:
 * a new phase, a voting round that starts or ends, "follow me", the timer running out. Visible
 * for a few seconds and read out once through the board's live region (ideas/announcer.ts); the
 * toast itself is not a live region, so a screen reader does not hear it twice.
 */
export function PhaseNoticeToast({ myUserId }: { myUserId: string }) {
  const { t } = useTranslation()
  const announce = useAnnouncer()
  const [shown, setShown] = useState<{ notices: PhaseNotice[]; seq: number } | null>(null)
  const pending = useRef<PhaseNotice[]>([])
  const gatherTimer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const text = (notice: PhaseNotice): string => {
    switch (notice.kind) {
      case 'phase':
        return t('notice.phase', { phase: t(`phase.${notice.phase}`) })
      case 'roundStarted':
        return t('notice.roundStarted', { count: notice.dots })
      case 'roundClosed':
        return t('notice.roundClosed')
      case 'roundRevealed':
        return t('notice.roundRevealed')
      case 'followStarted':
        return t('notice.followStarted', { name: displayPersonName(t, notice.name) })
      case 'followEnded':
        return t('notice.followEnded', { name: displayPersonName(t, notice.name) })
      case 'timeUp':
        return t('facilitation.announceTimeUp')
    }
  }
  const textRef = useRef(text)
  useEffect(() => {
    textRef.current = text
  })

  const push = useCallback(
    (notices: PhaseNotice[]) => {
      if (notices.length === 0) return
      pending.current.push(...notices)
      if (gatherTimer.current) return
      gatherTimer.current = setTimeout(() => {
        gatherTimer.current = null
        const gathered = supersede(pending.current)
        pending.current = []
        if (gathered.length === 0) return
        setShown((previous) => ({ notices: gathered, seq: (previous?.seq ?? 0) + 1 }))
        // The timer chip's own live region already says that time is up.
        const spoken = gathered.filter((n) => n.kind !== 'timeUp').map((n) => textRef.current(n))
        if (spoken.length > 0) announce(spoken.join(' '))
      }, GATHER_MS)
    },
    [announce],
  )

  useEffect(() => {
    let before: BoardStateMessage | null = useSession.getState().boardState
    const stop = useSession.subscribe((state) => {
      const after = state.boardState
      if (after === before) return
      if (after) push(noticesBetween(before, after, myUserId))
      before = after
    })
    return () => {
      stop()
      if (gatherTimer.current) clearTimeout(gatherTimer.current)
      gatherTimer.current = null
    }
  }, [myUserId, push])

  const timer = useSession((s) => s.boardState?.timer ?? null)
  const { remainingMs } = useCountdown(timer)
  useTimeUp(timer, remainingMs, () => {
    navigator.vibrate?.(VIBRATE_MS)
    push([{ kind: 'timeUp' }])
  })

  useEffect(() => {
    if (!shown) return
    const hide = setTimeout(() => setShown(null), SHOW_MS)
    return () => clearTimeout(hide)
  }, [shown])

  if (!shown) return null
  return (
    <div
      className="pw-phase-notice"
      data-testid="phase-notice"
      data-kinds={shown.notices.map((n) => n.kind).join(' ')}
      data-timeup={shown.notices.some((n) => n.kind === 'timeUp')}
    >
      <div className="pw-phase-notice__text">
        {shown.notices.map((notice) => (
          <p key={JSON.stringify(notice)}>{text(notice)}</p>
        ))}
      </div>
      <button
        type="button"
        className="pw-phase-notice__close"
        aria-label={t('notice.dismiss')}
        onClick={() => setShown(null)}
      >
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  )
}
