import { Limits } from '@pinnwand/shared/limits'
import { type HeldCardDto, REJECT_REASON_MAX } from '@pinnwand/shared/moderation'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoardContext } from '../board/BoardContext.ts'
import { useCardAction } from '../privatePhase/useCardAction.ts'
import { useHeldCards } from './heldCardsStore.ts'
import { setModeration } from './moderationApi.ts'
import { useModerationSection } from './useModeration.ts'
import './moderation.css'

/**
 * The facilitator's Moderationseingang: switch moderation on or off for this table, and decide
 * on each waiting card — approve as written, edit then approve, or reject with an optional
 * reason (only its author reads it).
 */
export function ModerationInboxPanel() {
  const { t } = useTranslation()
  const { boardId, token } = useBoardContext()
  const section = useModerationSection()
  const cards = useHeldCards((s) => s.inbox)
  const id = useId()
  const { busy, error, run } = useCardAction()
  const on = section?.on === true
  const toggle = (next: boolean) => run(() => setModeration(boardId, next, token))

  return (
    <div className="pw-moderation" data-testid="moderation-inbox">
      <h2 className="pw-panel-title" id={`${id}-title`}>
        {t('moderation.heading')}
      </h2>
      <label className="pw-moderation__switch">
        <input
          type="checkbox"
          checked={on}
          disabled={busy}
          data-testid="moderation-toggle"
          onChange={(event) => void toggle(event.target.checked)}
        />
        {t('moderation.setting')}
      </label>
      <p className="pw-facilitation__hint">{on ? t('moderation.hintOn') : t('moderation.hintOff')}</p>
      {error ? (
        <p className="pw-error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="pw-moderation__count" aria-live="polite" data-testid="moderation-waiting">
        {t('moderation.waitingCount', { count: section?.waiting ?? 0 })}
        {section && section.rejected > 0 ? ` · ${t('moderation.rejectedCount', { count: section.rejected })}` : ''}
      </p>
      {cards.length > 0 ? (
        <ul className="pw-moderation__list" aria-labelledby={`${id}-title`}>
          {cards.map((card) => (
            <InboxItem key={card.id} card={card} />
          ))}
        </ul>
      ) : (
        <p className="pw-facilitation__hint">{t('moderation.empty')}</p>
      )}
    </div>
  )
}

function InboxItem({ card }: { card: HeldCardDto }) {
  const { t } = useTranslation()
  const { boardId, token } = useBoardContext()
  const [mode, setMode] = useState<'view' | 'edit' | 'reject'>('view')
  const [text, setText] = useState(card.text)
  const [reason, setReason] = useState('')
  const { busy, error, run } = useCardAction()
  const held = useHeldCards.getState()
  const edited = text.trim()
  const short = card.text.slice(0, 40)

  return (
    <li className="pw-moderation__card" data-testid="inbox-card">
      {mode === 'edit' ? (
        <InboxField
          label={t('moderation.editLabel')}
          hideLabel
          value={text}
          max={Limits.ideaTextMax}
          testId="inbox-edit-field"
          onChange={setText}
          onCancel={() => setMode('view')}
        />
      ) : (
        <p className="pw-moderation__text" data-testid="inbox-card-text">
          {card.text}
        </p>
      )}
      <p className="pw-moderation__author" data-testid="inbox-card-author">
        {t('moderation.by', { name: card.author || t('moderation.noName') })}
      </p>
      {mode === 'reject' ? (
        <InboxField
          label={t('moderation.reasonLabel')}
          value={reason}
          max={REJECT_REASON_MAX}
          testId="inbox-reason"
          onChange={setReason}
          onCancel={() => setMode('view')}
        />
      ) : null}
      <div className="pw-moderation__actions">
        {mode === 'view' ? (
          <>
            <button
              type="button"
              className="pw-button"
              disabled={busy}
              data-testid="inbox-approve"
              aria-label={t('moderation.approveNamed', { text: short })}
              onClick={() => void run(() => held.approve(boardId, card.id, undefined, token))}
            >
              {t('moderation.approve')}
            </button>
            <button
              type="button"
              className="pw-button pw-button--secondary"
              data-testid="inbox-edit"
              aria-label={t('moderation.editNamed', { text: short })}
              onClick={() => setMode('edit')}
            >
              {t('moderation.edit')}
            </button>
            <button
              type="button"
              className="pw-button pw-button--secondary"
              data-testid="inbox-reject"
              aria-label={t('moderation.rejectNamed', { text: short })}
              onClick={() => setMode('reject')}
            >
              {t('moderation.reject')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="pw-button"
              disabled={busy || (mode === 'edit' && edited === '')}
              data-testid={mode === 'edit' ? 'inbox-approve-edited' : 'inbox-reject-confirm'}
              onClick={() =>
                void run(() =>
                  mode === 'edit'
                    ? held.approve(boardId, card.id, edited === card.text ? undefined : edited, token)
                    : held.reject(boardId, card.id, reason, token),
                )
              }
            >
              {mode === 'edit' ? t('moderation.approveEdited') : t('moderation.rejectConfirm')}
            </button>
            <button
              type="button"
              className="pw-button pw-button--secondary"
              onClick={() => {
                setText(card.text)
                setMode('view')
              }}
            >
              {t('moderation.cancel')}
            </button>
          </>
        )}
      </div>
      {error ? (
        <p className="pw-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  )
}

/** A field the facilitator opened with "Bearbeiten" or "Ablehnen" (Escape closes it). */
function InboxField({
  label,
  hideLabel = false,
  value,
  max,
  testId,
  onChange,
  onCancel,
}: {
  label: string
  hideLabel?: boolean
  value: string
  max: number
  testId: string
  onChange: (value: string) => void
  onCancel: () => void
}) {
  const fieldId = useId()
  return (
    <>
      <label className={hideLabel ? 'pw-visually-hidden' : 'pw-moderation__reason-label'} htmlFor={fieldId}>
        {label}
      </label>
      <textarea
        id={fieldId}
        className="pw-private-card__field"
        value={value}
        rows={3}
        maxLength={max}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          event.stopPropagation()
          if (event.key === 'Escape') onCancel()
        }}
        // Opened by the facilitator's own click: the field they asked for gets the focus.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      />
    </>
  )
}
