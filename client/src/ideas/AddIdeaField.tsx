import { Limits } from '@pinnwand/shared/limits'
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor, useValue } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { describePrivateError } from '../privatePhase/describeError.ts'
import { usePrivateCards } from '../privatePhase/privateCardsStore.ts'
import { useWritesPrivately } from '../privatePhase/usePrivatePhase.ts'
import { useHeldCards } from '../moderation/heldCardsStore.ts'
import { useIsModerated } from '../moderation/useModeration.ts'
import { useSession } from '../state/sessionStore.ts'
import { useAnnouncer } from './announcer.ts'
import { useIdeaFieldRequest, withRequestedText } from './ideaFieldRequest.ts'
import { placeNewIdea, targetCluster } from './placeNewIdea.ts'

/**
 * The big "add idea" field: type, press Enter, the card is on the board — no fighting the canvas
 * on a tablet. Shift+Enter makes a new line. The card goes into the cluster you are working in,
 * or into a free spot in your view. During Stilles Sammeln a participant's card goes to the
 * server as a private card instead (never into the shared document); written offline, it waits
 * in this device's outbox and is sent when the connection is back. On a moderated board a participant's card goes
 * to the facilitator's inbox the same way (online only) and appears once approved.
 */
export function AddIdeaField({
  className = '',
  hideWhenLocked = false,
}: {
  className?: string
  hideWhenLocked?: boolean
}) {
  const { t } = useTranslation()
  const editor = useEditor()
  const { me, boardId, token } = useBoardContext()
  const writesPrivately = useWritesPrivately()
  const moderated = useIsModerated()
  const online = useSession((s) => s.connection === 'connected')
  const [privateError, setPrivateError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const announce = useAnnouncer()
  const id = useId()
  const [text, setText] = useState('')
  const field = useRef<HTMLTextAreaElement>(null)
  // An undelivered private card's text, handed over by its "put into the field" button.
  const draft = usePrivateCards((s) => s.draft)
  const draftSeen = useRef(draft?.seq ?? 0)
  useEffect(() => {
    if (!draft || draft.seq === draftSeen.current) return
    draftSeen.current = draft.seq
    setText(draft.text)
    if (field.current?.offsetParent) field.current.focus()
  }, [draft])
  // A held-back card's text, or only the focus (the card tool's "i" while cards go through here).
  const request = useIdeaFieldRequest((s) => s.request)
  const requestSeen = useRef(request?.seq ?? 0)
  useEffect(() => {
    if (!request || request.seq === requestSeen.current) return
    requestSeen.current = request.seq
    setText((current) => withRequestedText(current, request.text))
    if (field.current?.offsetParent) field.current.focus()
  }, [request])
  const readonly = useValue('readonly', () => editor.getInstanceState().isReadonly, [editor])
  const clusterTitle = useValue('target cluster', () => targetCluster(editor)?.props.title ?? null, [editor])
  if (me.role === 'projector') return null
  // Docked over the canvas, a dead field would only cover the lock notice that explains why.
  if (readonly && hideWhenLocked) return null

  const trimmed = text.trim()
  const tooLong = text.length > Limits.ideaTextMax

  const isPrivate = writesPrivately
  // Stilles Sammeln comes first: its cards are private, and its reveal is the facilitator's act.
  const held = !isPrivate && moderated
  const kind = isPrivate ? 'privatePhase' : 'moderation'
  const post = () => {
    if (readonly || trimmed === '' || tooLong || sending) return
    if (isPrivate || held) {
      if (held && !online) {
        setPrivateError(t(`${kind}.offline`))
        return
      }
      setSending(true)
      setPrivateError(null)
      const sent = isPrivate
        ? usePrivateCards.getState().write(boardId, trimmed, token, online)
        : useHeldCards
            .getState()
            .add(boardId, trimmed, token)
            .then(() => 'sent' as const)
      sent
        .then((how) => {
          setText('')
          announce(t(how === 'queued' ? 'privatePhase.queued' : `${kind}.posted`))
        })
        .catch((cause: unknown) => setPrivateError(describePrivateError(t, cause)))
        .finally(() => setSending(false))
      return
    }
    placeNewIdea(editor, trimmed, { name: me.name, userId: me.userId })
    setText('')
    announce(clusterTitle ? t('ideas.postedInCluster', { cluster: clusterTitle }) : t('ideas.posted'))
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    post()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Keep keystrokes away from tldraw's shortcuts (Delete, arrows, letters).
    event.stopPropagation()
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      post()
    }
  }

  return (
    <form className={`pw-add-idea ${className}`} onSubmit={onSubmit} data-testid="add-idea">
      <label className="pw-visually-hidden" htmlFor={`${id}-text`}>
        {t('ideas.addLabel')}
      </label>
      <textarea
        ref={field}
        id={`${id}-text`}
        className="pw-add-idea__text"
        data-testid="add-idea-text"
        rows={1}
        value={text}
        disabled={readonly}
        placeholder={
          readonly
            ? t('ideas.addDisabled')
            : isPrivate || held
              ? t(`${kind}.placeholder`)
              : clusterTitle
                ? t('ideas.addPlaceholderCluster', { cluster: clusterTitle })
                : t('ideas.addPlaceholder')
        }
        aria-describedby={tooLong ? `${id}-limit` : privateError ? `${id}-private` : `${id}-hint`}
        aria-invalid={tooLong || undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        onPointerDown={(event) => event.stopPropagation()}
      />
      <button
        type="submit"
        className="pw-button pw-add-idea__post"
        disabled={readonly || trimmed === '' || tooLong || sending}
        data-testid="add-idea-post"
      >
        {isPrivate || held ? t(`${kind}.post`) : t('ideas.post')}
      </button>
      <span id={`${id}-hint`} className="pw-visually-hidden">
        {t('ideas.addHint')}
      </span>
      {privateError && (isPrivate || held) ? (
        <p
          id={`${id}-private`}
          className="pw-error pw-add-idea__limit"
          role="alert"
          data-testid="add-idea-private-error"
        >
          {privateError}
        </p>
      ) : null}
      {tooLong ? (
        <p id={`${id}-limit`} className="pw-error pw-add-idea__limit" role="alert">
          {t('ideas.tooLong', { max: Limits.ideaTextMax, count: text.length })}
        </p>
      ) : null}
    </form>
  )
}
