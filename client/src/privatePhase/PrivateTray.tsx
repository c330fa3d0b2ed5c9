import { Limits } from '@pinnwand/shared/limits'
import type { PrivateCardDto } from '@pinnwand/shared/privatePhase'
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/apiClient.ts'
import { useBoardContext } from '../board/BoardContext.ts'
import { describePrivateError } from './describeError.ts'
import { useCardAction } from './useCardAction.ts'
import { usePrivateCards } from './privateCardsStore.ts'
import { usePrivatePhaseSection } from './usePrivatePhase.ts'
import './privatePhase.css'

/**
 * A participant's private tray during Stilles Sammeln: their own cards, marked as seen by them
 * alone, to change or delete, and how many cards the others wrote (never what). Docked above the
 * "add idea" field on the canvas; on phones and in the idea list it sits under that field.
 */
export function PrivateTray({ variant }: { variant: 'dock' | 'list' }) {
  const { t } = useTranslation()
  const { me } = useBoardContext()
  const phase = usePrivatePhaseSection()
  const cards = usePrivateCards((s) => s.cards)
  if (me.role !== 'participant') return null
  if (!phase) return <UndeliveredTray variant={variant} />
  const others = Math.max(0, phase.cards - cards.length)
  return (
    <TraySection variant={variant} title={t('privatePhase.trayTitle')}>
      <p className="pw-private-tray__hint">{t('privatePhase.trayHint')}</p>
      <p className="pw-private-tray__count" data-testid={`private-others-${variant}`} aria-live="polite">
        {t('privatePhase.othersWrote', { count: others })}
      </p>
      {cards.length > 0 ? (
        <ul className="pw-private-tray__list" aria-label={t('privatePhase.yourCards', { count: cards.length })}>
          {cards.map((card) => (
            <OwnCardItem key={card.id} card={card} />
          ))}
        </ul>
      ) : null}
      <OutboxList variant={variant} />
    </TraySection>
  )
}

/** The tray's frame: a marked section with a lock and a heading. */
function TraySection({ variant, title, children }: { variant: 'dock' | 'list'; title: string; children: ReactNode }) {
  const headingId = useId()
  return (
    <section
      className={`pw-private-tray pw-private-tray--${variant}`}
      aria-labelledby={headingId}
      data-testid={`private-tray-${variant}`}
    >
      <h2 id={headingId} className="pw-private-tray__title">
        <LockIcon />
        {title}
      </h2>
      {children}
    </section>
  )
}

/**
 * Outside the phase (it ended, or — offline after a reload — it is not known yet): only what
 * this device still holds, cards waiting to be sent and cards that arrived too late.
 */
function UndeliveredTray({ variant }: { variant: 'dock' | 'list' }) {
  const { t } = useTranslation()
  const waiting = usePrivateCards((s) => s.pending.length + s.undelivered.length)
  if (waiting === 0) return null
  return (
    <TraySection variant={variant} title={t('privatePhase.outboxTitle')}>
      <OutboxList variant={variant} />
    </TraySection>
  )
}

/** The device's unsent private cards, marked as waiting, and those the server refused, to re-use. */
function OutboxList({ variant }: { variant: 'dock' | 'list' }) {
  const { t } = useTranslation()
  const pending = usePrivateCards((s) => s.pending)
  const undelivered = usePrivateCards((s) => s.undelivered)
  if (pending.length === 0 && undelivered.length === 0) return null
  const outbox = usePrivateCards.getState()
  return (
    <>
      {pending.length > 0 ? (
        <ul className="pw-private-tray__list" aria-label={t('privatePhase.pendingCards', { count: pending.length })}>
          {pending.map((card) => (
            // Still only on this device: changed or deleted right here, in the outbox.
            <PrivateCardItem
              key={card.requestId}
              card={{ id: card.requestId, text: card.text }}
              save={async (text) => outbox.editPending(card.requestId, text)}
              remove={async () => outbox.removePending(card.requestId)}
              testId="private-pending"
              className="pw-private-card--pending"
            >
              <p className="pw-private-card__status">{t('privatePhase.pending')}</p>
            </PrivateCardItem>
          ))}
        </ul>
      ) : null}
      {undelivered.length > 0 ? (
        <ul
          className="pw-private-tray__list"
          aria-label={t('privatePhase.undeliveredCards', { count: undelivered.length })}
        >
          {undelivered.map((card) => (
            <li
              key={card.requestId}
              className="pw-private-card pw-private-card--refused"
              data-testid="private-undelivered"
            >
              <p className="pw-private-card__status" role="alert">
                {card.reason === 'ended'
                  ? t('privatePhase.undeliveredEnded')
                  : t('privatePhase.undeliveredRefused', {
                      reason: describePrivateError(t, new ApiError(409, card.reason, card.reason)),
                    })}
              </p>
              <p className="pw-private-card__text" data-testid="private-undelivered-text">
                {card.text}
              </p>
              <div className="pw-private-card__actions">
                <button
                  type="button"
                  className="pw-button"
                  data-testid={`private-undelivered-reuse-${variant}`}
                  onClick={() => outbox.reuse(card.requestId)}
                >
                  {t('privatePhase.reuse')}
                </button>
                <button
                  type="button"
                  className="pw-button pw-button--secondary"
                  aria-label={t('privatePhase.discardNamed', { text: card.text.slice(0, 40) })}
                  onClick={() => outbox.dismiss(card.requestId)}
                >
                  {t('privatePhase.discard')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  )
}

function OwnCardItem({ card }: { card: PrivateCardDto }) {
  const { boardId, token } = useBoardContext()
  const cards = usePrivateCards.getState()
  return (
    <PrivateCardItem
      card={card}
      save={(text) => cards.update(boardId, card.id, text, token)}
      remove={() => cards.remove(boardId, card.id, token)}
    />
  )
}

/**
 * One of a person's own cards held on the server (a private card; a card waiting in the
 * moderation inbox): its text, to change or delete. `editable` false: only delete (a rejected
 * card); `children`: a status line under the text.
 */
export function PrivateCardItem({
  card,
  save: saveText,
  remove,
  editable = true,
  testId = 'private-card',
  removeKey = 'privatePhase.delete',
  editLabelKey = 'privatePhase.editLabel',
  className,
  children,
}: {
  card: Pick<PrivateCardDto, 'id' | 'text'>
  save: (text: string) => Promise<void>
  remove: () => Promise<void>
  editable?: boolean
  testId?: string
  /** i18n key of the remove button (and `<key>Named` of its accessible name). */
  removeKey?: string
  /** i18n key of the edit field's label. */
  editLabelKey?: string
  /** An extra class on the item (a card still waiting on the device). */
  className?: string
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(card.text)
  const { busy, error, run } = useCardAction()
  const fieldId = useId()
  const save = async () => {
    const trimmed = text.trim()
    if (trimmed === '' || trimmed.length > Limits.ideaTextMax) return
    if (await run(() => saveText(trimmed))) setEditing(false)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    event.stopPropagation()
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      void save()
    }
    if (event.key === 'Escape') setEditing(false)
  }

  return (
    <li className={className ? `pw-private-card ${className}` : 'pw-private-card'} data-testid={testId}>
      {editing ? (
        <>
          <label className="pw-visually-hidden" htmlFor={fieldId}>
            {t(editLabelKey)}
          </label>
          <textarea
            id={fieldId}
            className="pw-private-card__field"
            value={text}
            rows={2}
            maxLength={Limits.ideaTextMax}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            onPointerDown={(event) => event.stopPropagation()}
            // Opening the editor is a person's own click: the field they asked for gets the focus.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
          />
        </>
      ) : (
        <p className="pw-private-card__text" data-testid={`${testId}-text`}>
          {card.text}
        </p>
      )}
      {children}
      <div className="pw-private-card__actions">
        {editing ? (
          <>
            <button
              type="button"
              className="pw-button"
              disabled={busy || text.trim() === ''}
              onClick={() => void save()}
            >
              {t('privatePhase.save')}
            </button>
            <button
              type="button"
              className="pw-button pw-button--secondary"
              onClick={() => {
                setText(card.text)
                setEditing(false)
              }}
            >
              {t('privatePhase.cancel')}
            </button>
          </>
        ) : (
          <>
            {editable ? (
              <button
                type="button"
                className="pw-button pw-button--secondary"
                aria-label={t('privatePhase.editNamed', { text: card.text.slice(0, 40) })}
                onClick={() => {
                  setText(card.text)
                  setEditing(true)
                }}
              >
                {t('privatePhase.edit')}
              </button>
            ) : null}
            <button
              type="button"
              className="pw-button pw-button--secondary"
              aria-label={t(`${removeKey}Named`, { text: card.text.slice(0, 40) })}
              disabled={busy}
              onClick={() => void run(remove)}
            >
              {t(removeKey)}
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

/** A drawn lock (no emoji: kiosk and Linux browsers may lack an emoji font). */
function LockIcon() {
  return (
    <svg width="18" height="20" viewBox="0 0 18 20" aria-hidden="true" focusable="false">
      <rect x="1" y="8" width="16" height="11" rx="2" fill="currentColor" />
      <path d="M4.5 8V5.5a4.5 4.5 0 0 1 9 0V8" fill="none" stroke="currentColor" strokeWidth="2.2" />
    </svg>
  )
}
