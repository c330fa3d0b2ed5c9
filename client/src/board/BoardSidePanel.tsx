import { Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useSession } from '../state/sessionStore.ts'
import { useBoardContext } from './BoardContext.ts'
import { registeredBoardPanels } from './registeredBoardPanels.ts'

/**
 * The drawer at the board's left edge: a tab per feature panel, one panel open at a time.
 * Rendered inside <Tldraw>, so panels can use the editor (jump to a card, follow a view).
 */
export function BoardSidePanel() {
  const { t } = useTranslation()
  const { me } = useBoardContext()
  const openPanel = useSession((s) => s.openPanel)
  const setOpenPanel = useSession((s) => s.setOpenPanel)
  const panels = registeredBoardPanels.filter((panel) => panel.isAvailable?.(me) ?? true)
  const active = panels.find((panel) => panel.id === openPanel)
  const Active = active?.component
  const activeId = active?.id
  // On a phone the tabs scroll sideways: the open one (also when opened from elsewhere) is shown.
  useEffect(() => {
    if (activeId)
      document.getElementById(`panel-tab-${activeId}`)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' })
  }, [activeId])
  if (panels.length === 0) return null

  return (
    <aside className={`pw-side-panel${active ? ' pw-side-panel--open' : ''}`} aria-label={t('panels.label')}>
      <div className="pw-side-panel__tabs" role="tablist" aria-orientation="vertical">
        {panels.map((panel) => (
          <button
            key={panel.id}
            type="button"
            role="tab"
            id={`panel-tab-${panel.id}`}
            aria-selected={panel.id === active?.id}
            aria-controls={panel.id === active?.id ? `panel-${panel.id}` : undefined}
            data-testid={`panel-tab-${panel.id}`}
            className="pw-side-panel__tab"
            onClick={() => setOpenPanel(panel.id === active?.id ? null : panel.id)}
          >
            {t(panel.labelKey)}
            {panel.badge ? <panel.badge /> : null}
          </button>
        ))}
      </div>
      {active && Active ? (
        <section
          className="pw-side-panel__body"
          role="tabpanel"
          id={`panel-${active.id}`}
          aria-labelledby={`panel-tab-${active.id}`}
          data-testid={`panel-${active.id}`}
        >
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <Active />
          </Suspense>
        </section>
      ) : null}
    </aside>
  )
}
