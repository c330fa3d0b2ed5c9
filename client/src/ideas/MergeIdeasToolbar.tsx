import type { IdeaCardShape } from '@pinnwand/shared/boardSchema'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { mergeIdeas } from '@pinnwand/shared/ideaRoutes'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor } from 'tldraw'
import { errorMessageKey } from '../api/errorMessageKey.ts'
import { useBoardContext } from '../board/BoardContext.ts'
import { useToolbarLeft } from '../ui/useToolbarLeft.ts'
import { useAnnouncer } from './announcer.ts'

/** Known refusals of the merge route, in the person's words. */
const MERGE_ERRORS: Record<string, string> = {
  merge_text_too_long: 'ideas.mergeTooLong',
  merge_round_open: 'ideas.mergeRoundOpen',
}

/**
 * Above two or more selected idea cards: "Doppelte zusammenführen". The first card selected stays
 * and takes the others' texts, authors and comments (the server merges: comments can only move
 * there). Offered to the facilitator, and to a participant whose own cards they all are — what
 * the server would refuse is not offered.
 */
export function MergeIdeasToolbar({ cards, anchor }: { cards: IdeaCardShape[]; anchor: { x: number; y: number } }) {
  const { t } = useTranslation()
  const editor = useEditor()
  const announce = useAnnouncer()
  const { me, boardId, token } = useBoardContext()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [toolbar, left] = useToolbarLeft(anchor.x)
  const mayMerge = me.role === 'facilitator' || cards.every((card) => card.props.authorId === me.userId)
  if (!mayMerge) return null

  const merge = async () => {
    setBusy(true)
    setError(null)
    try {
      const merged = await callApi(mergeIdeas, {
        params: { boardId },
        body: { ideaIds: cards.map((card) => card.id) },
        token,
      })
      announce(t('ideas.merged', { count: cards.length, text: merged.idea.text.slice(0, 80) }))
      const survivor = editor.getShape(merged.idea.id as IdeaCardShape['id'])
      if (survivor) editor.select(survivor.id)
    } catch (cause) {
      const code = (cause as { code?: unknown }).code
      const known = typeof code === 'string' ? MERGE_ERRORS[code] : undefined
      const { key, values } = errorMessageKey(cause)
      setError(known ? t(known) : t(key, values))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div
      ref={toolbar}
      className="pw-card-toolbar"
      data-testid="merge-toolbar"
      role="toolbar"
      aria-label={t('ideas.mergeToolbar', { count: cards.length })}
      style={{ left, top: Math.max(56, anchor.y - 56) }}
      onPointerDown={(event) => event.stopPropagation()}
    >
      <button type="button" className="pw-move-to-cluster" disabled={busy} onClick={() => void merge()}>
        {t('ideas.merge', { count: cards.length })}
      </button>
      {error ? (
        <span role="alert" className="pw-card-toolbar__error">
          {error}
        </span>
      ) : null}
    </div>
  )
}
