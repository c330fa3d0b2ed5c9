import { IDEA_CARD_TYPE, type IdeaCardShape } from '@pinnwand/shared/boardSchema'
import { useContext } from 'react'
import { useTranslation } from 'react-i18next'
import { stopEventPropagation, useEditor, useValue } from 'tldraw'
import { BoardContext } from '../board/BoardContext.ts'
import { openCommentThread } from './commentTarget.ts'
import { CommentIcon } from './CommentIcon.tsx'
import { useCommentCount } from './useComments.ts'
import './comments.css'

/**
 * The comment count on an idea card (an idea-card decoration). Shown when the card has
 * comments, and on the one selected card as a way to start a thread. Tapping it opens the
 * comments panel on this card. Counts come from the board's single comment index: one document
 * observer for all cards, and a card re-renders only when its own thread changes.
 */
export function CommentBadge({ shape }: { shape: IdeaCardShape }) {
  const { t } = useTranslation()
  const editor = useEditor()
  // Cards are also drawn outside the board (exports); there is no document there, so no badge.
  const doc = useContext(BoardContext)?.session.connection.doc ?? null
  const count = useCommentCount(doc, shape.id)
  const onlySelected = useValue(
    'only selected card',
    () => {
      const ids = editor.getSelectedShapeIds()
      return ids.length === 1 && ids[0] === shape.id && editor.getShape(shape.id)?.type === IDEA_CARD_TYPE
    },
    [editor, shape.id],
  )
  if (!doc || (count === 0 && !onlySelected)) return null

  return (
    <button
      type="button"
      className={`pw-comment-badge${count === 0 ? ' pw-comment-badge--empty' : ''}`}
      data-testid="comment-badge"
      data-count={count}
      aria-label={count === 0 ? t('comments.badgeStart') : t('comments.badgeLabel', { count })}
      title={count === 0 ? t('comments.badgeStart') : t('comments.badgeLabel', { count })}
      // The canvas must not turn a tap on the badge into selecting or dragging the card.
      onPointerDown={stopEventPropagation}
      onPointerUp={stopEventPropagation}
      onTouchStart={stopEventPropagation}
      onTouchEnd={stopEventPropagation}
      onClick={(event) => {
        event.stopPropagation()
        openCommentThread(shape.id)
      }}
    >
      <CommentIcon />
      {count > 0 ? <span aria-hidden="true">{count}</span> : <span aria-hidden="true">+</span>}
    </button>
  )
}
