import { useTranslation } from 'react-i18next'
import { usePrivatePhaseSection } from './usePrivatePhase.ts'
import './privatePhase.css'

/** The big screen during Stilles Sammeln: that it runs and how many cards exist — never a text. */
export function ProjectorPrivateCount() {
  const { t } = useTranslation()
  const phase = usePrivatePhaseSection()
  if (!phase) return null
  return (
    <section className="pw-projector__private" data-testid="projector-private" aria-live="polite">
      <h2 className="pw-projector__private-title">{t('privatePhase.projectorTitle')}</h2>
      <p className="pw-projector__private-count">{t('privatePhase.projectorCount', { count: phase.cards })}</p>
    </section>
  )
}
