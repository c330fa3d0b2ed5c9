import type { RoundStateSection } from '@pinnwand/shared/votingApi'
import { useEffect, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoardContext } from '../board/BoardContext.ts'
import { useSession } from '../state/sessionStore.ts'
import { describeError } from './describeError.ts'
import { changeShortlist, refreshShortlist, useShortlist } from './shortlistStore.ts'
import { useAction } from './useAction.ts'
import { votingApi } from './votingHttp.ts'

/**
 * The board's shortlist (engere Auswahl), read by everyone. The facilitator reorders and removes
 * entries; every change also reaches the workshop's plenary board (the server gathers it there).
 */
export function ShortlistSection({ round }: { round: RoundStateSection | null }) {
  const { t } = useTranslation()
  const id = useId()
  const { boardId, token, me } = useBoardContext()
  const entries = useShortlist((s) => (s.boardId === boardId ? s.entries : null))
  const action = useAction()
  const facilitator = me.role === 'facilitator'
  // The server announces every change of the shortlist on the board-state channel (its ids).
  const announced = useSession((s) =>
    JSON.stringify((s.boardState?.shortlist as { ideaIds?: unknown } | undefined)?.ideaIds ?? null),
  )
  // Load on open, when the server says the shortlist changed, and when a round ends.
  useEffect(() => {
    void refreshShortlist(boardId, token).catch(() => undefined)
  }, [boardId, token, announced, round?.id, round?.status])

  const save = (ideaIds: string[]) =>
    action.run(() => changeShortlist(boardId, () => votingApi.setShortlist(boardId, ideaIds, token)))
  const ids = (entries ?? []).map((e) => e.ideaId)
  const move = (from: number, to: number) => {
    const next = [...ids]
    const [moved] = next.splice(from, 1)
    next.splice(to, 0, moved!)
    void save(next)
  }

  return (
    <section className="pw-shortlist" data-testid="shortlist" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="pw-voting__subtitle">
        {t('voting.shortlist.title')}
      </h3>
      {entries && entries.length === 0 ? <p className="pw-muted">{t('voting.shortlist.empty')}</p> : null}
      <ol className="pw-shortlist__list">
        {(entries ?? []).map((entry, i) => (
          <li
            key={entry.ideaId}
            className="pw-shortlist__entry"
            data-testid="shortlist-entry"
            data-idea-id={entry.ideaId}
          >
            <span className="pw-shortlist__text">{entry.text}</span>
            {entry.votes !== null ? (
              <span className="pw-muted"> · {t('voting.ranking.dots', { count: entry.votes })}</span>
            ) : null}
            {facilitator ? (
              <span className="pw-shortlist__buttons">
                <button
                  type="button"
                  className="pw-vote-button"
                  disabled={i === 0 || action.busy}
                  aria-label={t('voting.shortlist.up', { idea: entry.text })}
                  onClick={() => move(i, i - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="pw-vote-button"
                  disabled={i === ids.length - 1 || action.busy}
                  aria-label={t('voting.shortlist.down', { idea: entry.text })}
                  onClick={() => move(i, i + 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="pw-vote-button"
                  disabled={action.busy}
                  aria-label={t('voting.shortlist.remove', { idea: entry.text })}
                  data-testid="shortlist-remove"
                  onClick={() => void save(ids.filter((x) => x !== entry.ideaId))}
                >
                  ×
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {facilitator && entries && entries.length > 0 ? (
        <p className="pw-muted">{t('voting.shortlist.plenaryNote')}</p>
      ) : null}
      <div role="alert" className="pw-voting__error">
        {action.error ? describeError(t, action.error) : null}
      </div>
    </section>
  )
}
