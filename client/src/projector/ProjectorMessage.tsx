import type { BoardMessageSection } from '@pinnwand/shared/controlApi'
import { useTranslation } from 'react-i18next'
import { useSession } from '../state/sessionStore.ts'

/**
 * The organiser's message ("Noch 5 Minuten, dann Plenum") on the big screen, in every mode: the
 * people who left their phone in the bag read it here. It comes and goes with the board-state
 * section `message`, exactly as on the devices (taken down on the dashboard: gone here too).
 * Nobody closes it on a projector, and there is no link to follow: the call to the plenary is
 * said in words.
 */
export function ProjectorMessage() {
  const { t } = useTranslation()
  const message = useSession((s) => (s.boardState?.message ?? null) as BoardMessageSection | null)
  return (
    <div role="status" aria-live="assertive" className="pw-projector-message-region">
      {message ? (
        <div className="pw-projector-message" data-testid="projector-message" key={message.id}>
          <span className="pw-visually-hidden">{t('control.messageLabel')}: </span>
          {message.text ? <p className="pw-projector-message__text">{message.text}</p> : null}
          {message.plenaryBoardId ? (
            <p className="pw-projector-message__plenary">{t('projectorMessage.toPlenary')}</p>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
