import { memo, useCallback, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { displayPersonName } from '../session/personName.ts'
import { useEditor, useValue } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { openCommentThread } from '../comments/commentTarget.ts'
import { useCommentCount } from '../comments/useComments.ts'
import { useSession } from '../state/sessionStore.ts'
import { AddIdeaField } from './AddIdeaField.tsx'
import { filterIdeas, type IdeaGroup } from './groupIdeas.ts'
import { PrivateTray } from '../privatePhase/PrivateTray.tsx'
import { HeldTray } from '../moderation/HeldTray.tsx'
import { MoveToClusterSelect } from './MoveToClusterSelect.tsx'
import { jumpToIdea } from './placeNewIdea.ts'
import { isPhoneLayout } from './phoneLayout.ts'
import { useBoardIdeas } from './useBoardIdeas.ts'
import { CommentIcon } from '../ui/CommentIcon.tsx'

/**
 * All ideas as a list, grouped by cluster, searchable. On a phone this is the main view (a
 * canvas on a 6-inch screen is unusable); everywhere it is the accessible way to read the board.
 * Choosing an idea shows it on the board; "Zu Themengruppe verschieben…" sorts it without dragging.
 */
export function IdeaListPanel() {
  const { t } = useTranslation()
  const editor = useEditor()
  const id = useId()
  const groups = useBoardIdeas()
  const hideAuthors = useSession((state) => state.me?.hideAuthors ?? false)
  const { me } = useBoardContext()
  const readonly = useValue('readonly', () => editor.getInstanceState().isReadonly, [editor])
  const canMove = !readonly && me.role !== 'projector'
  // The same array until a cluster is added, removed or renamed, so unchanged groups skip rendering.
  const clusterKey = groups
    .map((group) => (group.cluster ? `${group.cluster.id}\u0000${group.cluster.title}` : ''))
    .join('\u0001')
  // eslint-disable-next-line react-hooks/exhaustive-deps -- clusterKey says when the clusters changed
  const clusters = useMemo(() => groups.flatMap((group) => (group.cluster ? [group.cluster] : [])), [clusterKey])
  const [query, setQuery] = useState('')
  const shown = filterIdeas(groups, query)
  const total = groups.reduce((sum, group) => sum + group.ideas.length, 0)
  const found = shown.reduce((sum, group) => sum + group.ideas.length, 0)

  const show = useCallback(
    (ideaId: string) => {
      jumpToIdea(editor, ideaId)
      // On a phone the list covers the board: close it so the card is visible.
      if (isPhoneLayout()) useSession.getState().setOpenPanel(null)
    },
    [editor],
  )

  return (
    <div className="pw-idea-list" data-testid="idea-list">
      <h2 className="pw-panel-title">{t('ideas.listTitle', { count: total })}</h2>
      <AddIdeaField className="pw-only-phone" />
      <PrivateTray variant="list" />
      <HeldTray variant="list" />
      <label className="pw-visually-hidden" htmlFor={`${id}-search`}>
        {t('ideas.search')}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        className="pw-input pw-idea-list__search"
        placeholder={t('ideas.search')}
        value={query}
        data-testid="idea-search"
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => event.stopPropagation()}
      />
      {query.trim() ? (
        <p className="pw-idea-list__count" role="status">
          {t('ideas.found', { count: found })}
        </p>
      ) : null}
      {total === 0 && groups.length === 0 ? <p className="pw-muted">{t('ideas.empty')}</p> : null}
      {shown.map((group) => (
        <IdeaListGroup
          key={group.cluster?.id ?? 'loose'}
          group={group}
          listId={id}
          clusters={clusters}
          canMove={canMove}
          hideAuthors={hideAuthors}
          show={show}
        />
      ))}
    </div>
  )
}

interface IdeaListGroupProps {
  group: IdeaGroup
  listId: string
  clusters: { id: string; title: string }[]
  canMove: boolean
  hideAuthors: boolean
  show(ideaId: string): void
}

/**
 * One cluster's ideas. Memoised: the grouping keeps a group's identity while its cards do not
 * change, so a crowd's edit re-renders one group, not the whole list (issue 18).
 */
const IdeaListGroup = memo(function IdeaListGroup({
  group,
  listId,
  clusters,
  canMove,
  hideAuthors,
  show,
}: IdeaListGroupProps) {
  const { t } = useTranslation()
  return (
    <section className="pw-idea-list__group" aria-labelledby={`${listId}-${group.cluster?.id ?? 'loose'}`}>
      <h3 id={`${listId}-${group.cluster?.id ?? 'loose'}`} className="pw-idea-list__cluster">
        {group.cluster ? group.cluster.title || t('clusters.untitled') : t('ideas.noCluster')}{' '}
        <span className="pw-muted">({group.ideas.length})</span>
      </h3>
      <ul className="pw-idea-list__ideas">
        {group.ideas.map((idea) => (
          <li key={idea.id} className="pw-idea-list__row">
            <button
              type="button"
              className="pw-idea-list__idea"
              data-testid="idea-list-item"
              data-idea-id={idea.id}
              onClick={() => show(idea.id)}
            >
              <span className="pw-idea-list__text">{idea.text}</span>
              {idea.author && !hideAuthors ? (
                <span className="pw-idea-list__author">{displayPersonName(t, idea.author, idea.authorId)}</span>
              ) : null}
            </button>
            {canMove ? (
              <MoveToClusterSelect
                className="pw-idea-list__move"
                cardId={idea.id}
                currentClusterId={group.cluster?.id ?? null}
                clusters={clusters}
                label={t('ideas.moveToClusterFor', { text: idea.text.slice(0, 80) })}
                placeholder={t('ideas.moveShort')}
              />
            ) : null}
            <CommentsLink ideaId={idea.id} text={idea.text} />
          </li>
        ))}
      </ul>
    </section>
  )
})

/** "3 comments" next to an idea: opens its thread (the keyboard and phone way to comment). */
function CommentsLink({ ideaId, text }: { ideaId: string; text: string }) {
  const { t } = useTranslation()
  const { session } = useBoardContext()
  const count = useCommentCount(session.connection.doc, ideaId)
  return (
    <button
      type="button"
      className="pw-idea-list__comments"
      data-testid="idea-list-comments"
      aria-label={t('ideas.commentsFor', { count, text: text.slice(0, 80) })}
      onClick={() => openCommentThread(ideaId)}
    >
      <CommentIcon /> {count}
    </button>
  )
}
