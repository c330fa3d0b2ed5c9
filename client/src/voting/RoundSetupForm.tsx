import { IDEA_CARD_TYPE } from '@pinnwand/shared/boardSchema'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor, useValue } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { useBoardIdeas } from '../ideas/useBoardIdeas.ts'
import { describeError } from './describeError.ts'
import { useAction } from './useAction.ts'
import { votingApi } from './votingHttp.ts'

type Scope = 'all' | 'selected' | 'clusters'

/** A whole number from a form field, or null when left empty. */
const wholeOrNull = (value: string): number | null => (value.trim() === '' ? null : Math.floor(Number(value)))

/**
 * The facilitator opens a round: dots per person, max per idea, which ideas (all, the cards
 * selected on the board, or chosen clusters), an optional timer, anonymous or named.
 */
export function RoundSetupForm({ onOpened }: { onOpened?: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const editor = useEditor()
  const { boardId, token } = useBoardContext()
  const groups = useBoardIdeas()
  const clusters = groups.flatMap((g) => (g.cluster ? [{ ...g.cluster, ideas: g.ideas.length }] : []))
  const selected = useValue(
    'selected idea cards',
    () =>
      editor
        .getSelectedShapes()
        .filter((s) => s.type === IDEA_CARD_TYPE)
        .map((s) => s.id as string),
    [editor],
  )
  const [dots, setDots] = useState('3')
  const [cap, setCap] = useState('')
  const [minutes, setMinutes] = useState('')
  const [anonymous, setAnonymous] = useState(true)
  const [facilitatorsVote, setFacilitatorsVote] = useState(false)
  const [scope, setScope] = useState<Scope>('all')
  const [chosen, setChosen] = useState<string[]>([])
  const action = useAction()

  const dotsValue = wholeOrNull(dots)
  const capValue = wholeOrNull(cap)
  const minutesValue = minutes.trim() === '' ? null : Number(minutes)
  const problems = {
    dots: dotsValue === null || !(dotsValue >= 1 && dotsValue <= 50),
    cap: capValue !== null && !(capValue >= 1 && capValue <= 50),
    minutes: minutesValue !== null && !(minutesValue > 0 && minutesValue <= 24 * 60),
    scope: (scope === 'selected' && selected.length === 0) || (scope === 'clusters' && chosen.length === 0),
  }
  const invalid = Object.values(problems).some(Boolean)

  const submit = () =>
    action.run(async () => {
      await votingApi.openRound(
        boardId,
        {
          dotsPerParticipant: dotsValue!,
          ...(capValue !== null ? { maxPerIdea: capValue } : {}),
          ...(scope === 'selected' ? { ideaIds: selected } : {}),
          ...(scope === 'clusters' ? { clusterIds: chosen } : {}),
          ...(minutesValue !== null ? { durationSeconds: Math.round(minutesValue * 60) } : {}),
          anonymous,
          facilitatorsVote,
        },
        token,
      )
      onOpened?.()
    })

  return (
    // onKeyDown only keeps typed keys away from the canvas's shortcuts.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <form
      className="pw-round-form"
      data-testid="round-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault()
        if (!invalid) void submit()
      }}
      onKeyDown={(event) => event.stopPropagation()}
    >
      <h3 id={`${id}-title`} className="pw-voting__subtitle">
        {t('voting.setup.title')}
      </h3>
      <div className="pw-round-form__row">
        <label htmlFor={`${id}-dots`}>{t('voting.setup.dots')}</label>
        <input
          id={`${id}-dots`}
          className="pw-input pw-round-form__number"
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          required
          value={dots}
          aria-invalid={problems.dots}
          data-testid="round-dots"
          onChange={(e) => setDots(e.target.value)}
        />
      </div>
      <div className="pw-round-form__row">
        <label htmlFor={`${id}-cap`}>{t('voting.setup.cap')}</label>
        <input
          id={`${id}-cap`}
          className="pw-input pw-round-form__number"
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          placeholder={t('voting.setup.noCap')}
          value={cap}
          aria-invalid={problems.cap}
          aria-describedby={`${id}-cap-hint`}
          data-testid="round-cap"
          onChange={(e) => setCap(e.target.value)}
        />
        <span id={`${id}-cap-hint`} className="pw-muted pw-round-form__hint">
          {t('voting.setup.capHint')}
        </span>
      </div>
      <fieldset className="pw-round-form__scope">
        <legend>{t('voting.setup.scope')}</legend>
        <label className="pw-vote-choice">
          <input type="radio" name={`${id}-scope`} checked={scope === 'all'} onChange={() => setScope('all')} />
          {t('voting.setup.scopeAll')}
        </label>
        <label className="pw-vote-choice">
          <input
            type="radio"
            name={`${id}-scope`}
            checked={scope === 'selected'}
            data-testid="round-scope-selected"
            onChange={() => setScope('selected')}
          />
          {t('voting.setup.scopeSelected', { count: selected.length })}
        </label>
        <label className="pw-vote-choice">
          <input
            type="radio"
            name={`${id}-scope`}
            checked={scope === 'clusters'}
            disabled={clusters.length === 0}
            data-testid="round-scope-clusters"
            onChange={() => setScope('clusters')}
          />
          {t('voting.setup.scopeClusters')}
        </label>
        {scope === 'clusters' ? (
          <ul className="pw-round-form__clusters">
            {clusters.map((cluster) => (
              <li key={cluster.id}>
                <label className="pw-vote-choice">
                  <input
                    type="checkbox"
                    checked={chosen.includes(cluster.id)}
                    onChange={(e) =>
                      setChosen((now) =>
                        e.target.checked ? [...now, cluster.id] : now.filter((c) => c !== cluster.id),
                      )
                    }
                  />
                  {cluster.title || t('voting.untitledCluster')} ({t('voting.ideaCount', { count: cluster.ideas })})
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        {scope === 'selected' && selected.length === 0 ? (
          <p className="pw-muted pw-round-form__hint">{t('voting.setup.selectHint')}</p>
        ) : null}
      </fieldset>
      <div className="pw-round-form__row">
        <label htmlFor={`${id}-minutes`}>{t('voting.setup.minutes')}</label>
        <input
          id={`${id}-minutes`}
          className="pw-input pw-round-form__number"
          type="number"
          inputMode="decimal"
          min={0.5}
          step={0.5}
          placeholder={t('voting.setup.noTimer')}
          value={minutes}
          aria-invalid={problems.minutes}
          data-testid="round-minutes"
          onChange={(e) => setMinutes(e.target.value)}
        />
      </div>
      <label className="pw-vote-choice">
        <input
          type="checkbox"
          checked={anonymous}
          data-testid="round-anonymous"
          onChange={(e) => setAnonymous(e.target.checked)}
        />
        {t('voting.setup.anonymous')}
      </label>
      <p className="pw-muted pw-round-form__hint">
        {anonymous ? t('voting.setup.anonymousHint') : t('voting.setup.namedHint')}
      </p>
      <label className="pw-vote-choice">
        <input
          type="checkbox"
          checked={facilitatorsVote}
          data-testid="round-facilitators-vote"
          onChange={(e) => setFacilitatorsVote(e.target.checked)}
        />
        {t('voting.setup.facilitatorsVote')}
      </label>
      <button type="submit" className="pw-button" disabled={invalid || action.busy} data-testid="round-open">
        {t('voting.setup.open')}
      </button>
      <div role="alert" className="pw-voting__error">
        {action.error ? describeError(t, action.error) : null}
      </div>
    </form>
  )
}
