import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { displayPersonName } from '../session/personName.ts'
import { LegalFooter } from '../privacy/LegalFooter.tsx'
import { useSession } from '../state/sessionStore.ts'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { useBoardContext } from './BoardContext.ts'
import { usePresenceList } from './usePresenceList.ts'

/** "Who is here": a button with the head count that opens the list of names and colours. */
export function PresencePanel() {
  const { t } = useTranslation()
  const { session } = useBoardContext()
  const people = usePresenceList(session.connection.provider.awareness)
  // In a crowd the server sends only a few people's presence, and the head count on its own.
  const crowd = useSession((s) => s.boardState?.crowd ?? null)
  const count = Math.max(crowd?.people ?? 0, people.length)
  const others = count - people.length
  const [open, setOpen] = useState(false)
  const listId = useId()
  return (
    <div className="pw-presence">
      <button
        type="button"
        className="pw-chip pw-presence__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
        data-testid="presence-toggle"
      >
        <span aria-hidden="true" className="pw-presence__dots">
          {people.slice(0, 3).map((person) => (
            <span key={person.userId} className="pw-presence__dot" style={{ background: person.color }} />
          ))}
        </span>
        <span className="pw-presence__label">{t('presence.count', { count })}</span>
        <span className="pw-presence__short" aria-hidden="true">
          {count}
        </span>
      </button>
      {open ? (
        <div className="pw-presence__panel" id={listId}>
          <h2 className="pw-presence__heading">{t('presence.heading')}</h2>
          <ul className="pw-presence__list" data-testid="presence-list">
            {people.map((person) => (
              <li key={person.userId}>
                <span className="pw-presence__swatch" style={{ background: person.color }} aria-hidden="true" />
                <span className="pw-presence__name">{displayPersonName(t, person.name, person.userId)}</span>
                {person.isSelf ? <span className="pw-hint"> ({t('presence.you')})</span> : null}
                {/* A facilitator already named by the role needs no badge saying it again. */}
                {person.role === 'facilitator' && displayPersonName(t, person.name, person.userId) === person.name ? (
                  <span className="pw-badge">{t('role.facilitator')}</span>
                ) : null}
              </li>
            ))}
          </ul>
          {others > 0 ? (
            <p className="pw-hint" data-testid="presence-others">
              {t('presence.others', { count: others })}
            </p>
          ) : null}
          {/* On phones the top bar has no room for the language switch; it lives here instead. */}
          <LanguageSwitch className="pw-lang--in-panel" />
          {/* The board page has no footer: the operator's legal links live here (issue 20). */}
          <LegalFooter compact />
        </div>
      ) : null}
    </div>
  )
}
