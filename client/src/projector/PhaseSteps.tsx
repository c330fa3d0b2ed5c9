import { BoardPhase } from '@pinnwand/shared/boardState'
import { useTranslation } from 'react-i18next'

const phases = Object.values(BoardPhase)

/** collect → cluster → vote → results, with the current phase marked. */
export function PhaseSteps({ phase }: { phase: BoardPhase }) {
  const { t } = useTranslation()
  const current = phases.indexOf(phase)
  return (
    <ol className="pw-projector__phases" aria-label={t('phase.label')} data-testid="projector-phase" data-phase={phase}>
      {phases.map((p, i) => (
        <li key={p} aria-current={p === phase ? 'step' : undefined} data-done={i < current}>
          {t(`phase.${p}`)}
        </li>
      ))}
    </ol>
  )
}
