import { ProjectorMode } from '@pinnwand/shared/boardState'
import type { ProjectorActionBody } from '@pinnwand/shared/facilitationApi'
import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessageKey } from '../api/errorMessageKey.ts'
import { useEditor } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { useGatheredTables } from '../projector/useGatheredTables.ts'
import { readProjectorSection } from '../projector/projectorMode.ts'
import { useSession } from '../state/sessionStore.ts'
import { projectorAction } from './facilitationApi.ts'

const modes = Object.values(ProjectorMode)

/**
 * What the big screen shows, for the facilitator: board, countdown, results, join — and the
 * results place by place from the last, or all at once. The choice travels as server-owned
 * board state to every projector of the board.
 */
export function ProjectorControls() {
  const { t } = useTranslation()
  const { boardId, token } = useBoardContext()
  // The raw section (a stable reference) is selected; a parsed copy would be new on every look.
  const raw = useSession((s) => s.boardState?.projector)
  const section = useMemo(() => readProjectorSection(raw), [raw])
  const mode = section?.mode ?? 'board'
  const places = section?.shownPlaces ?? null
  const step = section?.step ?? 0
  // The walkthrough is offered where there is something to walk through: the plenary's gathered shortlists.
  const tables = useGatheredTables(useEditor()).length
  const offered = modes.filter((m) => m !== 'walkthrough' || tables > 0 || mode === 'walkthrough')
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const run = async (action: ProjectorActionBody) => {
    setBusy(true)
    setError(null)
    try {
      await projectorAction(boardId, action, token)
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }
  const describe = (cause: unknown) => {
    const { key, values } = errorMessageKey(cause)
    return t(key, values)
  }

  return (
    <section className="pw-facilitation__section" aria-labelledby={`${id}-heading`} data-testid="projector-controls">
      <h3 id={`${id}-heading`} className="pw-facilitation__heading">
        {t('projectorMode.heading')}
      </h3>
      <div className="pw-facilitation__buttons" role="group" aria-label={t('projectorMode.label')}>
        {offered.map((m) => (
          <button
            key={m}
            type="button"
            className="pw-button pw-button--secondary pw-facilitation__mode"
            aria-pressed={mode === m}
            disabled={busy}
            data-testid={`projector-mode-${m}`}
            onClick={() => void run({ mode: m })}
          >
            {t(`projectorMode.${m}`)}
          </button>
        ))}
      </div>
      {mode === 'results' ? (
        <div className="pw-facilitation__buttons">
          <button
            type="button"
            className="pw-button pw-button--secondary"
            disabled={busy}
            data-testid="projector-step-start"
            onClick={() => void run({ mode: 'results', shownPlaces: 0 })}
          >
            {t('projectorMode.stepByStep')}
          </button>
          <button
            type="button"
            className="pw-button pw-button--secondary"
            disabled={busy || places === null}
            data-testid="projector-step-next"
            onClick={() => void run({ mode: 'results', shownPlaces: (places ?? 0) + 1 })}
          >
            {t('projectorMode.nextPlace')}
          </button>
          <button
            type="button"
            className="pw-button pw-button--secondary"
            disabled={busy || places === null}
            data-testid="projector-step-all"
            onClick={() => void run({ mode: 'results', shownPlaces: null })}
          >
            {t('projectorMode.showAll')}
          </button>
        </div>
      ) : null}
      {mode === 'walkthrough' ? (
        <div className="pw-facilitation__buttons">
          <button
            type="button"
            className="pw-button pw-button--secondary"
            disabled={busy || step <= 0}
            data-testid="projector-table-previous"
            onClick={() => void run({ mode: 'walkthrough', step: step - 1 })}
          >
            {t('projectorMode.previousTable')}
          </button>
          <button
            type="button"
            className="pw-button pw-button--secondary"
            disabled={busy || step >= tables - 1}
            data-testid="projector-table-next"
            onClick={() => void run({ mode: 'walkthrough', step: step + 1 })}
          >
            {t('projectorMode.nextTable')}
          </button>
        </div>
      ) : null}
      <p className="pw-facilitation__hint">
        {mode === 'walkthrough'
          ? `${t('projectorMode.tableOf', { number: Math.min(step + 1, Math.max(tables, 1)), total: Math.max(tables, 1) })} · ${t('projectorMode.walkthroughHint')}`
          : mode === 'results'
            ? places === null
              ? t('projectorMode.allShown')
              : t('projectorMode.placesShown', { count: places })
            : t('projectorMode.hint')}
      </p>
      <p role="status" aria-live="polite" className="pw-facilitation__error">
        {error ? describe(error) : null}
      </p>
    </section>
  )
}
