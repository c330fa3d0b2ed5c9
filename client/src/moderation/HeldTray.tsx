import type { HeldCardDto } from '@pinnwand/shared/moderation'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoardContext } from '../board/BoardContext.ts'
import { PrivateCardItem } from '../privatePhase/PrivateTray.tsx'
import { useHeldCards } from './heldCardsStore.ts'
import '../privatePhase/privatePhase.css'
import './moderation.css'

/**
 * A participant's cards in the moderation inbox: waiting ("Wartet auf Freigabe", to change or
 * withdraw), and rejected with the facilitator's reason (to dismiss). Only this person and, while
 * a card waits, the facilitator see them. Docked above the "add idea" field like the private tray.
 */
export function HeldTray({ variant }: { variant: 'dock' | 'list' }) {
  const { t } = useTranslation()
  const { me } = useBoardContext()
  const cards = useHeldCards((s) => s.own)
  const headingId = useId()
  if (me.role !== 'participant' || cards.length === 0) return null
  const waiting = cards.filter((card) => card.status === 'waiting').length
  return (
    <section
      className={`pw-private-tray pw-held-tray pw-private-tray--${variant}`}
      aria-labelledby={headingId}
      data-testid={`held-tray-${variant}`}
    >
      <h2 id={headingId} className="pw-private-tray__title">
        {t('moderation.trayTitle')}
      </h2>
      <p className="pw-private-tray__hint">{t('moderation.trayHint')}</p>
      {waiting > 0 ? (
        <p className="pw-private-tray__count" aria-live="polite">
          {t('moderation.waitingOwn', { count: waiting })}
        </p>
      ) : null}
      <ul className="pw-private-tray__list" aria-label={t('moderation.yourCards', { count: cards.length })}>
        {cards.map((card) => (
          <HeldCardItem key={card.id} card={card} />
        ))}
      </ul>
    </section>
  )
}

function HeldCardItem({ card }: { card: HeldCardDto }) {
  const { t } = useTranslation()
  const { boardId, token } = useBoardContext()
  const held = useHeldCards.getState()
  const rejected = card.status === 'rejected'
  return (
    <PrivateCardItem
      card={card}
      testId="held-card"
      editable={!rejected}
      editLabelKey="moderation.ownEditLabel"
      removeKey={rejected ? 'moderation.dismiss' : 'moderation.withdraw'}
      save={(text) => held.update(boardId, card.id, text, token)}
      remove={() => held.remove(boardId, card.id, token)}
    >
      <p
        className={`pw-held-card__status${rejected ? ' pw-held-card__status--rejected' : ''}`}
        data-testid="held-card-status"
      >
        {rejected
          ? card.reason
            ? t('moderation.rejectedWithReason', { reason: card.reason })
            : t('moderation.rejected')
          : t('moderation.waiting')}
      </p>
    </PrivateCardItem>
  )
}
