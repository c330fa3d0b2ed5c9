import { IDEA_CARD_TYPE, type IdeaCardShape } from '@pinnwand/shared/boardSchema'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { displayPersonName } from '../session/personName.ts'
import { useEditor } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { useAnnouncer, useAnnouncerStore } from './announcer.ts'

/** Longest idea text read out; the idea list has the whole text. */
const SPOKEN_TEXT_MAX = 140

/**
 * The board's live region: screen readers hear ideas others post ("New idea from Ada: …")
 * and confirmations of what you did. Ideas arriving in the first sync are not announced.
 */
export function IdeaAnnouncer() {
  const { t } = useTranslation()
  const editor = useEditor()
  const { me } = useBoardContext()
  const announce = useAnnouncer()
  const message = useAnnouncerStore((state) => state.message)

  useEffect(() => {
    return editor.store.listen(
      ({ changes }) => {
        const added = Object.values(changes.added).filter(
          (record): record is IdeaCardShape => record.typeName === 'shape' && record.type === IDEA_CARD_TYPE,
        )
        // A text typed on the canvas arrives as an update of an empty card.
        const typed = Object.values(changes.updated).flatMap(([before, after]) =>
          after.typeName === 'shape' &&
          after.type === IDEA_CARD_TYPE &&
          (before as IdeaCardShape).props.text.trim() === '' &&
          (after as IdeaCardShape).props.text.trim() !== ''
            ? [after as IdeaCardShape]
            : [],
        )
        const fromOthers = [...added, ...typed].filter(
          (card) => card.props.authorId !== me.userId && card.props.text.trim() !== '',
        )
        if (fromOthers.length === 0) return
        if (fromOthers.length > 3) {
          announce(t('ideas.announceMany', { count: fromOthers.length }))
          return
        }
        for (const card of fromOthers) {
          const text =
            card.props.text.length > SPOKEN_TEXT_MAX ? `${card.props.text.slice(0, SPOKEN_TEXT_MAX)}…` : card.props.text
          announce(
            card.props.author && !me.hideAuthors
              ? t('ideas.announce', { author: displayPersonName(t, card.props.author, card.props.authorId), text })
              : t('ideas.announceAnonymous', { text }),
          )
        }
      },
      { source: 'remote', scope: 'document' },
    )
  }, [editor, me.userId, me.hideAuthors, announce, t])

  return (
    <div className="pw-visually-hidden" role="status" aria-live="polite" data-testid="board-announcer">
      {message ? <span key={message.seq}>{message.text}</span> : null}
    </div>
  )
}
