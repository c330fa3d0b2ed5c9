import type { BoardMessageSection } from '@pinnwand/shared/controlApi'
import { useState } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { paths } from '../router.ts'
import { useSession } from '../state/sessionStore.ts'
import { Link } from '../ui/Link.tsx'
import { useBoardContext } from './BoardContext.ts'
import { DoneButton } from './DoneButton.tsx'

/**
 * The organiser's message to every device of this table ("Noch 5 Minuten, dann Plenum"), and the
 * way to the plenary when everyone is called there. Announced to screen readers as it arrives;
 * a person may close it, the next message shows again.
 */
export function BoardMessageBanner() {
  const { t } = useTranslation()
  const { me, boardId } = useBoardContext()
  const message = useSession((s) => (s.boardState?.message ?? null) as BoardMessageSection | null)
  const [closed, setClosed] = useState<string | null>(null)
  const shown = message && closed !== message.id ? message : null
  // Into the page's body, above every panel: on a phone the open idea list covers the board and
  // everything drawn in tldraw's slots, and this message (and "Ich bin fertig") must reach everyone.
  return createPortal(
    <div className="pw-board-float">
      <DoneButton />
      <div role="status" aria-live="assertive" className="pw-board-message-region">
        {shown ? (
          <div className="pw-board-message" data-testid="board-message">
            <span className="pw-visually-hidden">{t('control.messageLabel')}: </span>
            {shown.text ? <p className="pw-board-message__text">{shown.text}</p> : null}
            {shown.plenaryBoardId && shown.plenaryBoardId !== boardId && me.role !== 'projector' ? (
              <Link
                to={paths.board(shown.plenaryBoardId)}
                className="pw-button pw-button--small"
                data-testid="to-plenary"
              >
                {t('control.toPlenary')}
              </Link>
            ) : null}
            {me.role === 'projector' ? null : (
              <button
                type="button"
                className="pw-board-message__close"
                aria-label={t('control.closeMessage')}
                onClick={() => setClosed(shown.id)}
              >
                ×
              </button>
            )}
          </div>
        ) : null}
      </div>
    </div>,
    document.body,
  )
}
