import { BoardPhase } from '@pinnwand/shared/boardState'
import { useCallback, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { setBoardLock, setBoardPhase } from '../api/apiClient.ts'
import { errorMessageKey } from '../api/errorMessageKey.ts'
import { boardLock } from '../facilitation/boardLock.ts'
import { TimerChip } from '../facilitation/TimerChip.tsx'
import { useSession } from '../state/sessionStore.ts'
import { LockIcon } from '../ui/LockIcon.tsx'
import { useBoardContext } from './BoardContext.ts'
import { BoardMessageBanner } from './BoardMessageBanner.tsx'
import { TableNameChip } from './TableNameChip.tsx'

const phases = Object.values(BoardPhase)

/**
 * tldraw's top-centre slot: the phase everyone is in and whether the board is locked; the
 * facilitator changes both here. The server sends the new state to every copy of the board.
 */
export function BoardStatusPanel() {
  const { t } = useTranslation()
  const { me, boardId, token } = useBoardContext()
  const state = useSession((s) => s.boardState)
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const topBar = useTopBarBottom()
  if (!state) return null
  const describe = (cause: unknown) => {
    const { key, values } = errorMessageKey(cause)
    return t(key, values)
  }
  const facilitator = me.role === 'facilitator'

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="pw-status-panel" data-testid="board-status" ref={topBar}>
      <TableNameChip boardId={boardId} token={token} />
      {facilitator ? (
        <>
          <label className="pw-visually-hidden" htmlFor={`${id}-phase`}>
            {t('phase.label')}
          </label>
          <select
            id={`${id}-phase`}
            className="pw-chip pw-chip--select"
            value={state.phase}
            disabled={busy}
            onChange={(event) => void run(() => setBoardPhase(boardId, event.target.value as BoardPhase, token))}
          >
            {phases.map((phase) => (
              <option key={phase} value={phase}>
                {t('phase.current', { phase: t(`phase.${phase}`) })}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="pw-chip"
            disabled={busy}
            data-locked={state.locked}
            data-testid="lock-toggle"
            onClick={() => void run(() => setBoardLock(boardId, !state.locked, token))}
          >
            <LockIcon open={!state.locked} />
            {state.locked ? t('board.unlock') : t('board.lock')}
          </button>
        </>
      ) : (
        <span className="pw-chip" data-testid="phase" data-phase={state.phase}>
          <span className="pw-status-panel__prefix">{t('phase.label')}: </span>
          {t(`phase.${state.phase}`)}
        </span>
      )}
      <TimerChip />
      <div role="status" aria-live="polite" className="pw-status-panel__live">
        {error ? <span className="pw-chip pw-chip--error">{describe(error)}</span> : null}
      </div>
      <BoardMessageBanner />
    </div>
  )
}

/**
 * Publishes where the top bar ends as `--pw-top-bar-bottom` on the board's container. On a phone
 * the facilitator's bar (table, phase, lock) wraps onto three rows; the idea list, which starts
 * under the bar, starts under all of them instead of hiding the phase and the lock (styles.css).
 */
function useTopBarBottom() {
  const stop = useRef<(() => void) | null>(null)
  return useCallback((panel: HTMLDivElement | null) => {
    stop.current?.()
    stop.current = null
    const container = panel?.closest<HTMLElement>('.tl-container')
    if (!panel || !container || typeof ResizeObserver === 'undefined') return
    const measure = () =>
      container.style.setProperty('--pw-top-bar-bottom', `${Math.ceil(panel.getBoundingClientRect().bottom)}px`)
    const observer = new ResizeObserver(measure)
    observer.observe(panel)
    measure()
    stop.current = () => {
      observer.disconnect()
      container.style.removeProperty('--pw-top-bar-bottom')
    }
  }, [])
}

/**
 * A banner while the board is locked, outside tldraw's top bar (which has no room on a phone),
 * above the toolbar where someone about to add a card looks.
 */
export function LockNotice() {
  const { t } = useTranslation()
  const { me } = useBoardContext()
  // Locked by the facilitator, or because a voting round is open: the notice says which.
  const { locked, reason } = boardLock(useSession((s) => s.boardState))
  const roundText =
    me.role === 'facilitator' ? t('facilitation.lockedForRoundFacilitator') : t('facilitation.lockedForRound')
  return (
    <div role="status" aria-live="polite" className="pw-lock-notice-region">
      {locked && me.role !== 'projector' ? (
        <p className="pw-lock-notice" data-testid="lock-notice" data-reason={reason}>
          <LockIcon />
          {reason === 'round'
            ? roundText
            : me.role === 'facilitator'
              ? t('board.lockedFacilitator')
              : t('board.lockedNotice')}
        </p>
      ) : null}
    </div>
  )
}
