import '../workshop/workshopAdmin.css'
import { BoardPhase } from '@pinnwand/shared/boardState'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createProjectorToken, setBoardLock, setBoardPhase, type BoardOverview } from '../api/apiClient.ts'
import { joinUrl } from '../join/joinCode.ts'
import { paths } from '../router.ts'
import { CopyButton } from '../ui/CopyButton.tsx'
import { ErrorText } from '../ui/ErrorText.tsx'
import { LockIcon } from '../ui/LockIcon.tsx'
import type { TableStatus } from '@pinnwand/shared/controlApi'
import { formatRelativeTime } from './formatRelativeTime.ts'
import { TableLiveStatus } from './TableLiveStatus.tsx'
import { tableName } from './tableName.ts'
import { TableLimitField } from './TableLimitField.tsx'
import { TableNumberField } from './TableNumberField.tsx'
import { TableModerationField } from '../moderation/TableModerationField.tsx'

const phases = Object.values(BoardPhase)

/** One table on the dashboard: its numbers at a glance and what the facilitator does with it. */
export function TableCard({
  board,
  token,
  joinCode,
  origin,
  now,
  onChanged,
  live,
  tableCount,
  clockOffset = 0,
  selected = false,
  onSelectedChange,
}: {
  board: BoardOverview
  token: string
  joinCode: string
  origin: string
  now: number
  onChanged: () => void
  /** The control room's live status of this table (pushed by the server). */
  live?: TableStatus
  /** How many tables (not the plenary) the workshop has: the highest table number. */
  tableCount?: number
  clockOffset?: number
  /** Ticked for the actions on several tables. */
  selected?: boolean
  onSelectedChange?: (selected: boolean) => void
}) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [projectorLink, setProjectorLink] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  // Shown at once, confirmed by the next poll: a click must feel instant on venue Wi-Fi.
  const [pending, setPending] = useState<{ locked?: boolean; phase?: BoardPhase }>({})
  const locked = pending.locked ?? live?.locked ?? board.locked
  const phase = pending.phase ?? live?.phase ?? board.phase
  const name = live ? tableName(t, live) : board.title

  const run = async (action: () => Promise<unknown>, optimistic: typeof pending) => {
    setBusy(true)
    setError(null)
    setPending(optimistic)
    try {
      await action()
      onChanged()
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
      setPending({})
    }
  }

  const makeProjectorLink = async () => {
    setError(null)
    try {
      const { projectorToken } = await createProjectorToken(board.id, token)
      setProjectorLink(`${origin}${paths.board(board.id)}?token=${encodeURIComponent(projectorToken)}`)
    } catch (cause) {
      setError(cause)
    }
  }

  const dash = (
    <>
      <span aria-hidden="true">–</span>
      <span className="pw-visually-hidden">{t('dashboard.unknown')}</span>
    </>
  )
  return (
    <article
      className="pw-card pw-table-card"
      aria-labelledby={`${id}-title`}
      data-testid="table-card"
      data-board-id={board.id}
    >
      <header className="pw-table-card__header">
        {onSelectedChange ? (
          <input
            type="checkbox"
            className="pw-table-card__select"
            checked={selected}
            aria-label={t('control.select', { name })}
            onChange={(event) => onSelectedChange(event.target.checked)}
          />
        ) : null}
        <h3 id={`${id}-title`}>{name}</h3>
        <span className="pw-table-card__badges">
          <span className="pw-badge">{t(`template.${board.template}`, { defaultValue: board.template })}</span>
          {locked ? <span className="pw-badge pw-badge--locked">{t('board.locked')}</span> : null}
        </span>
      </header>
      {board.question ? <p className="pw-table-card__question">{board.question}</p> : null}
      <dl className="pw-stats">
        <div>
          <dt>{t('dashboard.participantsNow')}</dt>
          <dd data-testid="participant-count">{live?.present ?? board.participants}</dd>
        </div>
        <div>
          <dt>{t('limit.seated')}</dt>
          <dd data-testid="seated-count">
            {board.seated === undefined
              ? dash
              : board.maxParticipants
                ? t('limit.seatedOf', { seated: board.seated, max: board.maxParticipants })
                : board.seated}
          </dd>
        </div>
        <div>
          <dt>{t('dashboard.ideas')}</dt>
          <dd data-testid="idea-count">{live?.ideas ?? board.ideas ?? dash}</dd>
        </div>
        <div>
          <dt>{t('dashboard.lastActivity')}</dt>
          <dd>
            {board.lastActivity
              ? formatRelativeTime(board.lastActivity, now, i18n.language)
              : board.lastActivity === null
                ? t('dashboard.noActivity')
                : dash}
          </dd>
        </div>
      </dl>
      {live ? <TableLiveStatus table={live} clockOffset={clockOffset} /> : null}
      <div className="pw-table-card__controls">
        <div className="pw-field pw-field--inline">
          <label htmlFor={`${id}-phase`}>{t('phase.label')}</label>
          <select
            id={`${id}-phase`}
            className="pw-input"
            value={phase ?? ''}
            disabled={busy || !phase}
            onChange={(event) => {
              const next = event.target.value as BoardPhase
              void run(() => setBoardPhase(board.id, next, token), { phase: next })
            }}
          >
            {phase ? null : <option value="">–</option>}
            {phases.map((value) => (
              <option key={value} value={value}>
                {t(`phase.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="pw-button pw-button--secondary pw-button--small"
          disabled={busy}
          aria-label={`${locked ? t('board.unlock') : t('board.lock')}: ${board.title}`}
          onClick={() => void run(() => setBoardLock(board.id, !locked, token), { locked: !locked })}
        >
          <LockIcon open={!locked} />
          {locked ? t('dashboard.unlockShort') : t('dashboard.lockShort')}
        </button>
      </div>
      {live?.number && tableCount ? (
        <TableNumberField
          boardId={board.id}
          tableTitle={board.title}
          number={live.number}
          tables={tableCount}
          token={token}
          onSaved={onChanged}
        />
      ) : null}
      {board.moderation === undefined ? null : (
        <TableModerationField
          boardId={board.id}
          tableTitle={board.title}
          moderation={board.moderation}
          token={token}
          onSaved={onChanged}
        />
      )}
      {board.maxParticipants === undefined ? null : (
        <TableLimitField
          boardId={board.id}
          tableTitle={board.title}
          limit={board.maxParticipants}
          token={token}
          onSaved={onChanged}
        />
      )}
      <div className="pw-table-card__actions">
        <a
          className="pw-button pw-button--small"
          href={`${paths.board(board.id)}?token=${encodeURIComponent(token)}`}
          target="_blank"
          rel="noopener"
        >
          {t('dashboard.openTable')}
          <span className="pw-visually-hidden"> {board.title}</span>
        </a>
        <CopyButton
          text={joinUrl(origin, joinCode, board.id)}
          label={t('dashboard.copyLinkShort')}
          ariaLabel={`${t('dashboard.copyLinkShort')} (${t('dashboard.participantLink')}): ${board.title}`}
          className="pw-button--small"
        />
        {projectorLink ? null : (
          <button
            type="button"
            className="pw-button pw-button--secondary pw-button--small"
            aria-label={`${t('dashboard.createProjectorLink')}: ${board.title}`}
            onClick={() => void makeProjectorLink()}
          >
            {t('dashboard.projectorShort')}
          </button>
        )}
      </div>
      {projectorLink ? (
        <div className="pw-field">
          <label htmlFor={`${id}-projector`}>{t('dashboard.projectorLink')}</label>
          <div className="pw-inline">
            <input
              id={`${id}-projector`}
              className="pw-input pw-input--mono"
              readOnly
              value={projectorLink}
              onFocus={(event) => event.target.select()}
            />
            <CopyButton text={projectorLink} label={t('common.copy')} />
            <a className="pw-button pw-button--secondary" href={projectorLink} target="_blank" rel="noopener">
              {t('dashboard.openProjector')}
            </a>
          </div>
        </div>
      ) : null}
      <ErrorText error={error} />
    </article>
  )
}
