import { IDEA_CARD_TYPE, type IdeaCardShape } from '@pinnwand/shared/boardSchema'
import type { BoardComment } from '@pinnwand/shared/commentDocument'
import { Limits } from '@pinnwand/shared/limits'
import { type FormEvent, type KeyboardEvent, useEffect, useEffectEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { displayPersonName } from '../session/personName.ts'
import { useEditor, useValue } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { useSession } from '../state/sessionStore.ts'
import { addComment, canComment, canDeleteComment, deleteComment } from './commentActions.ts'
import { useCommentTarget } from './commentTarget.ts'
import { formatCommentTime } from './formatCommentTime.ts'
import { useCommentThread } from './useComments.ts'
import './comments.css'

/** Longest comment text read out by the live region; the list has the whole text. */
const SPOKEN_TEXT_MAX = 140
const spoken = (text: string) => (text.length > SPOKEN_TEXT_MAX ? `${text.slice(0, SPOKEN_TEXT_MAX)}…` : text)

/** Locked by the facilitator or a voting round is open: participants change nothing then. */
function useFrozen(): boolean {
  return useSession((state) => {
    const round = state.boardState?.round as { status?: string } | null | undefined
    return Boolean(state.boardState?.locked) || round?.status === 'open'
  })
}

/**
 * The comment thread of one idea card: the selected card, or the one whose badge was tapped, or
 * the one chosen in the list at the top (the keyboard's way in). Read, add (Ctrl/Cmd+Enter
 * sends), delete your own. A live region announces comments others add to the open thread.
 */
export function CommentsPanel() {
  const { t, i18n } = useTranslation()
  const editor = useEditor()
  const { me, session } = useBoardContext()
  const doc = session.connection.doc
  const id = useId()
  const frozen = useFrozen()
  const ideaId = useCommentTarget((state) => state.ideaId)
  const setIdeaId = useCommentTarget((state) => state.setIdeaId)

  const selectedCard = useValue(
    'selected idea card',
    () => {
      const ids = editor.getSelectedShapeIds()
      const shape = ids.length === 1 && ids[0] ? editor.getShape(ids[0]) : undefined
      return shape?.type === IDEA_CARD_TYPE ? shape.id : null
    },
    [editor],
  )
  // Selecting a card on the canvas shows its thread (the panel follows the selection).
  useEffect(() => {
    if (selectedCard) setIdeaId(selectedCard)
  }, [selectedCard, setIdeaId])

  const cards = useValue(
    'idea cards',
    () =>
      editor
        .getCurrentPageShapes()
        .filter(
          (shape): shape is IdeaCardShape =>
            shape.type === IDEA_CARD_TYPE && (shape as IdeaCardShape).props.text.trim() !== '',
        )
        .map((card) => ({ id: card.id as string, text: card.props.text, createdAt: card.props.createdAt }))
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
    [editor],
  )
  // Comments of a card that is gone stay in the document but are not shown.
  const card = cards.find((c) => c.id === ideaId) ?? null
  const thread = useCommentThread(doc, card?.id ?? null)

  const [text, setText] = useState('')
  const [announcement, setAnnouncement] = useState<{ text: string; seq: number } | null>(null)
  const announce = (message: string) =>
    setAnnouncement((previous) => ({ text: message, seq: (previous?.seq ?? 0) + 1 }))
  const textarea = useRef<HTMLTextAreaElement>(null)

  // Announce comments others add to the thread that is open (not the thread shown on opening).
  const shown = useRef<{ ideaId: string | null; ids: Set<string> }>({ ideaId: null, ids: new Set() })
  // Says what others added, in the current language and with the current privacy setting: an
  // effect event, so that `t` or `me` changing is no reason to announce (only a new thread is).
  const announceAdded = useEffectEvent((added: typeof thread) => {
    const fresh = added.filter((c) => c.authorId !== me.userId)
    if (fresh.length === 0) return
    announce(
      fresh.length > 3
        ? t('comments.announceMany', { count: fresh.length })
        : fresh
            .map((c) =>
              t('comments.announce', {
                author: me.hideAuthors ? t('comments.anonymous') : displayPersonName(t, c.author, c.authorId),
                text: spoken(c.text),
              }),
            )
            .join(' '),
    )
  })
  useEffect(() => {
    const key = card?.id ?? null
    const previous = shown.current
    shown.current = { ideaId: key, ids: new Set(thread.map((c) => c.id)) }
    if (previous.ideaId !== key) return
    announceAdded(thread.filter((c) => !previous.ids.has(c.id)))
  }, [thread, card?.id])

  const writable = canComment(me, frozen)
  const trimmed = text.trim()
  const tooLong = text.length > Limits.commentTextMax

  const send = () => {
    if (!card || !writable || trimmed === '' || tooLong) return
    addComment(doc, me, card.id, trimmed)
    setText('')
    announce(t('comments.posted'))
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    send()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Keep keystrokes away from tldraw's shortcuts (Delete, arrows, letters).
    event.stopPropagation()
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
      event.preventDefault()
      send()
    }
  }
  const remove = (comment: BoardComment) => {
    deleteComment(doc, comment.id)
    announce(t('comments.deleted'))
    textarea.current?.focus()
  }

  return (
    <div className="pw-comments" data-testid="comments-panel">
      <h2 className="pw-panel-title" id={`${id}-title`}>
        {card ? t('comments.title', { count: thread.length }) : t('comments.titleNoCard')}
      </h2>
      <div className="pw-field">
        <label htmlFor={`${id}-card`}>{t('comments.cardLabel')}</label>
        <select
          id={`${id}-card`}
          className="pw-input"
          data-testid="comments-card-select"
          value={card?.id ?? ''}
          onChange={(event) => setIdeaId(event.target.value || null)}
          onKeyDown={(event) => event.stopPropagation()}
        >
          <option value="">{t('comments.cardChoose')}</option>
          {cards.map((c) => (
            <option key={c.id} value={c.id}>
              {c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text}
            </option>
          ))}
        </select>
      </div>

      {card ? (
        <>
          <blockquote className="pw-comments__idea" data-testid="comments-idea-text">
            {card.text}
          </blockquote>
          {thread.length === 0 ? <p className="pw-muted">{t('comments.empty')}</p> : null}
          <ol className="pw-comments__list" aria-labelledby={`${id}-title`} data-testid="comment-list">
            {thread.map((comment) => (
              <li
                key={comment.id}
                className={`pw-comments__item${comment.authorId === me.userId ? ' pw-comments__item--own' : ''}`}
                data-testid="comment"
                data-comment-id={comment.id}
              >
                <div className="pw-comments__meta">
                  <span className="pw-comments__author">
                    {comment.authorId === me.userId
                      ? displayPersonName(t, comment.author, comment.authorId)
                      : me.hideAuthors
                        ? t('comments.anonymous')
                        : displayPersonName(t, comment.author, comment.authorId) || t('comments.anonymous')}
                  </span>
                  <time dateTime={new Date(comment.createdAt).toISOString()}>
                    {formatCommentTime(comment.createdAt, i18n.language)}
                  </time>
                  {canDeleteComment(me, comment, frozen) ? (
                    <button
                      type="button"
                      className="pw-button pw-button--quiet pw-comments__delete"
                      data-testid="comment-delete"
                      aria-label={t('comments.deleteLabel', {
                        author: displayPersonName(t, comment.author, comment.authorId) || t('comments.anonymous'),
                      })}
                      onClick={() => remove(comment)}
                    >
                      {t('comments.delete')}
                    </button>
                  ) : null}
                </div>
                <p className="pw-comments__text" data-testid="comment-text">
                  {comment.text}
                </p>
              </li>
            ))}
          </ol>
          {me.role === 'projector' ? null : writable ? (
            <form className="pw-comments__form" onSubmit={onSubmit} data-testid="comment-form">
              <label htmlFor={`${id}-text`}>{t('comments.addLabel')}</label>
              <textarea
                id={`${id}-text`}
                ref={textarea}
                className="pw-input pw-comments__text-input"
                data-testid="comment-text-input"
                value={text}
                aria-describedby={tooLong ? `${id}-limit` : `${id}-hint`}
                aria-invalid={tooLong || undefined}
                onChange={(event) => setText(event.target.value)}
                onKeyDown={onKeyDown}
                onPointerDown={(event) => event.stopPropagation()}
              />
              <p id={`${id}-hint`} className="pw-comments__hint">
                {t('comments.sendHint')}
              </p>
              {tooLong ? (
                <p id={`${id}-limit`} className="pw-error" role="alert">
                  {t('comments.tooLong', { max: Limits.commentTextMax, count: text.length })}
                </p>
              ) : null}
              <button
                type="submit"
                className="pw-button pw-comments__send"
                data-testid="comment-send"
                disabled={trimmed === '' || tooLong}
              >
                {t('comments.send')}
              </button>
            </form>
          ) : (
            <p className="pw-warning" data-testid="comments-locked">
              {t('comments.locked')}
            </p>
          )}
        </>
      ) : (
        <p className="pw-hint">{t('comments.noCard')}</p>
      )}
      <div className="pw-visually-hidden" role="status" aria-live="polite" data-testid="comments-announcer">
        {announcement ? <span key={announcement.seq}>{announcement.text}</span> : null}
      </div>
    </div>
  )
}
