import './controlRoom.css'
import { BoardPhase } from '@pinnwand/shared/boardState'
import { BOARD_MESSAGE_MAX, type BulkAction, type BulkTableResult, type TableStatus } from '@pinnwand/shared/controlApi'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorText } from '../ui/ErrorText.tsx'
import { runBulkAction } from './controlApi.ts'
import { tableName } from './tableName.ts'

const phases = Object.values(BoardPhase)
/** Refusals the organiser can act on get our own words; anything else shows the server's. */
const knownRefusals = new Set([
  'round_already_open',
  'no_plenary',
  'no_round',
  'not_found',
  'board_not_found',
  'rate_limited',
  'timer_not_running',
  'timer_not_paused',
  'no_timer',
  'forbidden',
])

/** crypto.randomUUID needs a secure context; a venue LAN on plain http has getRandomValues only. */
function newRequestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}

interface LastRun {
  action: BulkAction
  requestId: string
  boardIds: string[] | undefined
  results: BulkTableResult[]
}

/**
 * Acts on all tables, or the ticked ones, in one step: phase, lock, a voting round with the same
 * settings everywhere, and the timer. Shows which tables took it and why others refused; a retry
 * reuses the request id, so tables that took it are not acted on twice.
 */
export function BulkActionsPanel({
  workshopId,
  token,
  tables,
  selected,
  onDone,
}: {
  workshopId: string
  token: string
  tables: TableStatus[]
  selected: ReadonlySet<string>
  onDone: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [target, setTarget] = useState<'all' | 'selected'>('all')
  const [phase, setPhase] = useState<BoardPhase>('collect')
  const [dots, setDots] = useState(3)
  const [roundMinutes, setRoundMinutes] = useState('')
  const [anonymous, setAnonymous] = useState(true)
  const [facilitatorsVote, setFacilitatorsVote] = useState(false)
  const [timerMinutes, setTimerMinutes] = useState(10)
  const [messageText, setMessageText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [last, setLast] = useState<LastRun | null>(null)

  // "All" are the theme tables; the plenary is acted on only when ticked.
  const themeTables = tables.filter((table) => table.kind === 'table')
  const chosen =
    target === 'all' ? undefined : tables.filter((table) => selected.has(table.id)).map((table) => table.id)
  const count = chosen ? chosen.length : themeTables.length
  const disabled = busy || count === 0

  const send = async (action: BulkAction, requestId: string = newRequestId(), boardIds = chosen) => {
    setBusy(true)
    setError(null)
    try {
      const response = await runBulkAction(workshopId, token, action, requestId, boardIds)
      setLast({ action, requestId, boardIds, results: response.results })
      onDone()
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  const roundSettings = () => {
    const minutes = Number(roundMinutes)
    return {
      dotsPerParticipant: dots,
      anonymous,
      facilitatorsVote,
      ...(roundMinutes && minutes > 0 ? { durationSeconds: Math.round(minutes * 60) } : {}),
    }
  }

  const nameOf = (boardId: string) => {
    const table = tables.find((entry) => entry.id === boardId)
    return table ? tableName(t, table) : boardId
  }
  const refused = last?.results.filter((r) => !r.ok) ?? []

  return (
    <section className="pw-card pw-bulk" aria-labelledby={`${id}-heading`} data-testid="bulk-actions">
      <h2 id={`${id}-heading`}>{t('control.heading')}</h2>
      <fieldset className="pw-bulk__target">
        <legend>{t('control.target')}</legend>
        <label className="pw-choice-inline">
          <input type="radio" name={`${id}-target`} checked={target === 'all'} onChange={() => setTarget('all')} />
          {t('control.targetAll', { count: themeTables.length })}
        </label>
        <label className="pw-choice-inline">
          <input
            type="radio"
            name={`${id}-target`}
            checked={target === 'selected'}
            onChange={() => setTarget('selected')}
          />
          {t('control.targetSelected', { count: selected.size })}
        </label>
      </fieldset>

      <div className="pw-bulk__row">
        <div className="pw-field pw-field--inline">
          <label htmlFor={`${id}-phase`}>{t('phase.label')}</label>
          <select
            id={`${id}-phase`}
            className="pw-input"
            value={phase}
            onChange={(event) => setPhase(event.target.value as BoardPhase)}
          >
            {phases.map((value) => (
              <option key={value} value={value}>
                {t(`phase.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="pw-button"
          disabled={disabled}
          onClick={() => void send({ type: 'phase', phase })}
        >
          {t('control.setPhase', { count })}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={disabled}
          onClick={() => void send({ type: 'lock', locked: true })}
        >
          {t('control.lock')}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={disabled}
          onClick={() => void send({ type: 'lock', locked: false })}
        >
          {t('control.unlock')}
        </button>
      </div>

      <fieldset className="pw-bulk__row">
        <legend>{t('control.roundHeading')}</legend>
        <div className="pw-field pw-field--inline">
          <label htmlFor={`${id}-dots`}>{t('control.dots')}</label>
          <input
            id={`${id}-dots`}
            className="pw-input pw-input--number"
            type="number"
            min={1}
            max={50}
            value={dots}
            onChange={(event) => setDots(Math.max(1, Math.min(50, Number(event.target.value) || 1)))}
          />
        </div>
        <div className="pw-field pw-field--inline">
          <label htmlFor={`${id}-round-minutes`}>{t('control.roundMinutes')}</label>
          <input
            id={`${id}-round-minutes`}
            className="pw-input pw-input--number"
            type="number"
            min={1}
            max={600}
            value={roundMinutes}
            placeholder="–"
            onChange={(event) => setRoundMinutes(event.target.value)}
          />
        </div>
        <label className="pw-choice-inline">
          <input type="checkbox" checked={anonymous} onChange={(event) => setAnonymous(event.target.checked)} />
          {t('control.anonymous')}
        </label>
        <label className="pw-choice-inline">
          <input
            type="checkbox"
            checked={facilitatorsVote}
            onChange={(event) => setFacilitatorsVote(event.target.checked)}
          />
          {t('voting.setup.facilitatorsVote')}
        </label>
        <button
          type="button"
          className="pw-button"
          disabled={disabled}
          onClick={() => void send({ type: 'openRound', round: roundSettings() })}
        >
          {t('control.openRound', { count })}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={disabled}
          onClick={() => void send({ type: 'closeRound' })}
        >
          {t('control.closeRound')}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={disabled}
          onClick={() => void send({ type: 'revealRound' })}
        >
          {t('control.revealRound')}
        </button>
      </fieldset>

      <fieldset className="pw-bulk__row">
        <legend>{t('privatePhase.heading')}</legend>
        <button
          type="button"
          className="pw-button"
          disabled={disabled}
          data-testid="bulk-private-start"
          onClick={() => void send({ type: 'privatePhase', facilitatorSeesTexts: false })}
        >
          {t('privatePhase.start')}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={disabled}
          onClick={() => void send({ type: 'revealPrivate', anonymous: false })}
        >
          {t('privatePhase.reveal')}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={disabled}
          onClick={() => void send({ type: 'revealPrivate', anonymous: true })}
        >
          {t('privatePhase.revealAnonymous')}
        </button>
      </fieldset>

      <fieldset className="pw-bulk__row">
        <legend>{t('moderation.heading')}</legend>
        <button
          type="button"
          className="pw-button"
          disabled={disabled}
          data-testid="bulk-moderation-on"
          onClick={() => void send({ type: 'moderation', on: true })}
        >
          {t('moderation.bulkOn')}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={disabled}
          data-testid="bulk-moderation-off"
          onClick={() => void send({ type: 'moderation', on: false })}
        >
          {t('moderation.bulkOff')}
        </button>
      </fieldset>

      <fieldset className="pw-bulk__row">
        <legend>{t('control.timerHeading')}</legend>
        <div className="pw-field pw-field--inline">
          <label htmlFor={`${id}-timer`}>{t('control.timerMinutes')}</label>
          <input
            id={`${id}-timer`}
            className="pw-input pw-input--number"
            type="number"
            min={1}
            max={720}
            value={timerMinutes}
            onChange={(event) => setTimerMinutes(Math.max(1, Math.min(720, Number(event.target.value) || 1)))}
          />
        </div>
        <button
          type="button"
          className="pw-button"
          disabled={disabled}
          onClick={() => void send({ type: 'timer', timer: { action: 'start', seconds: timerMinutes * 60 } })}
        >
          {t('control.startTimer', { count })}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={disabled}
          onClick={() => void send({ type: 'timer', timer: { action: 'pause' } })}
        >
          {t('control.pauseTimer')}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={disabled}
          onClick={() => void send({ type: 'timer', timer: { action: 'resume' } })}
        >
          {t('control.resumeTimer')}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={disabled}
          onClick={() => void send({ type: 'timer', timer: { action: 'add', seconds: 60 } })}
        >
          {t('control.addMinute')}
        </button>
      </fieldset>

      <fieldset className="pw-bulk__row">
        <legend>{t('control.messageHeading')}</legend>
        <div className="pw-field pw-bulk__message">
          <label htmlFor={`${id}-message`}>{t('control.messageText')}</label>
          <input
            id={`${id}-message`}
            className="pw-input"
            maxLength={BOARD_MESSAGE_MAX}
            value={messageText}
            placeholder={t('control.messagePlaceholder')}
            onChange={(event) => setMessageText(event.target.value)}
          />
        </div>
        <button
          type="button"
          className="pw-button"
          disabled={disabled || !messageText.trim()}
          onClick={() => void send({ type: 'message', message: { text: messageText.trim() } })}
        >
          {t('control.sendMessage', { count })}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={disabled}
          onClick={() => void send({ type: 'message', message: { text: messageText.trim(), toPlenary: true } })}
        >
          {t('control.toPlenaryAll')}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={disabled}
          onClick={() => void send({ type: 'message', message: { text: '' } })}
        >
          {t('control.clearMessage')}
        </button>
      </fieldset>

      <ErrorText error={error} />
      {last ? (
        <div className="pw-bulk__results" role="status" data-testid="bulk-results">
          <p>
            <strong>{t(`control.action.${last.action.type}`)}</strong>
            {': '}
            {t('control.taken', { count: last.results.filter((r) => r.ok).length, total: last.results.length })}
          </p>
          {refused.length > 0 ? (
            <>
              <ul>
                {refused.map((result) => (
                  <li key={result.boardId} data-testid="bulk-refused">
                    {nameOf(result.boardId)}:{' '}
                    {result.error && knownRefusals.has(result.error.code)
                      ? t(`control.refusal.${result.error.code}`)
                      : (result.error?.message ?? t('control.refusal.unknown'))}
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="pw-button pw-button--secondary pw-button--small"
                disabled={busy}
                onClick={() => void send(last.action, last.requestId, last.boardIds)}
              >
                {t('control.retry', { count: refused.length })}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
