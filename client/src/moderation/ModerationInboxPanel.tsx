import { Limits } from '@pinnwand/shared/limits'
import { type HeldCardDto, REJECT_REASON_MAX } from '@pinnwand/shared/moderation'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoardContext } from '../board/BoardContext.ts'
import { describePrivateError } from '../privatePhase/describeError.ts'
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
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const on = section?.on === true

  const toggle = async (next: boolean) => {
    setBusy(true)
    setError(null)
    try {
      await setModeration(boardId, next, token)
    } catch (cause) {
      setError(describePrivateError(t, cause))
    } finally {
      setBusy(false)
    }
  }

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
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const fieldId = useId()
  const held = useHeldCards.getState()

  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (cause) {
      setError(describePrivateError(t, cause))
    } finally {
      setBusy(false)
    }
  }
  const edited = text.trim()
  const short = card.text.slice(0, 40)

  return (
    <li className="pw-moderation__card" data-testid="inbox-card">
      {mode === 'edit' ? (
        <>
          <label className="pw-visually-hidden" htmlFor={fieldId}>
            {t('moderation.editLabel')}
          </label>
          <textarea
            id={fieldId}
            className="pw-private-card__field"
            value={text}
            rows={3}
            maxLength={Limits.ideaTextMax}
            data-testid="inbox-edit-field"
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              event.stopPropagation()
              if (event.key === 'Escape') setMode('view')
            }}
            // Opening the editor is the facilitator's own click: the field gets the focus.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
          />
        </>
      ) : (
        <p className="pw-moderation__text" data-testid="inbox-card-text">
          {card.text}
        </p>
      )}
      <p className="pw-moderation__author" data-testid="inbox-card-author">
        {t('moderation.by', { name: card.author || t('moderation.noName') })}
      </p>
      {mode === 'reject' ? (
        <>
          <label className="pw-moderation__reason-label" htmlFor={`${fieldId}-reason`}>
            {t('moderation.reasonLabel')}
          </label>
          <textarea
            id={`${fieldId}-reason`}
            className="pw-private-card__field"
            value={reason}
            rows={2}
            maxLength={REJECT_REASON_MAX}
            data-testid="inbox-reason"
            onChange={(event) => setReason(event.target.value)}
            onKeyDown={(event) => {
              event.stopPropagation()
              if (event.key === 'Escape') setMode('view')
            }}
            // Asked for by the facilitator's click on "Ablehnen".
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
          />
        </>
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
