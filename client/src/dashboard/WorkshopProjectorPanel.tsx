import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createWorkshopProjectorToken } from './controlApi.ts'
import { CYCLE_SECONDS, projectorLink, type WorkshopProjectorPlan } from '../projector/workshopProjectorPlan.ts'
import { CopyButton } from '../ui/CopyButton.tsx'
import { ErrorText } from '../ui/ErrorText.tsx'

export interface ProjectorTable {
  id: string
  /** "Tisch 3 · Mobilität", or the plenary's title. */
  name: string
  kind: 'table' | 'plenary'
}

/**
 * The link for the one screen that serves the whole event: every table in turn at an interval
 * the organiser sets, one table, or the plenary. The choice is part of the link (the projector
 * machine needs nobody at its keyboard). Made on request: a projector link is a read-only key,
 * so the dashboard does not mint one per visit; changing the choice keeps the key.
 */
export function WorkshopProjectorPanel({
  workshopId,
  token,
  origin,
  tables,
}: {
  workshopId: string
  token: string
  origin: string
  tables: readonly ProjectorTable[]
}) {
  const { t } = useTranslation()
  const id = useId()
  const [projectorToken, setProjectorToken] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [show, setShow] = useState<WorkshopProjectorPlan['show']>('cycle')
  const [seconds, setSeconds] = useState(String(CYCLE_SECONDS.default))
  const themeTables = tables.filter((table) => table.kind === 'table')
  const plenary = tables.find((table) => table.kind === 'plenary')
  const [chosen, setChosen] = useState<string | null>(null)
  const boardId = chosen ?? themeTables[0]?.id ?? ''

  const secondsValue = Number(seconds)
  const secondsValid =
    Number.isInteger(secondsValue) && secondsValue >= CYCLE_SECONDS.min && secondsValue <= CYCLE_SECONDS.max
  const plan: WorkshopProjectorPlan | null =
    show === 'cycle'
      ? secondsValid
        ? { show, seconds: secondsValue }
        : null
      : show === 'table'
        ? boardId
          ? { show, boardId }
          : null
        : { show: 'plenary' }
  const link = projectorToken && plan ? projectorLink(origin, workshopId, projectorToken, plan) : null

  const create = async () => {
    setError(null)
    try {
      const created = await createWorkshopProjectorToken(workshopId, token)
      setProjectorToken(created.projectorToken)
    } catch (cause) {
      setError(cause)
    }
  }
  return (
    <section className="pw-card pw-workshop-projector" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('control.projectorHeading')}</h2>
      <p className="pw-hint">{t('control.projectorHint')}</p>
      <fieldset className="pw-workshop-projector__plan">
        <legend>{t('workshopProjector.show')}</legend>
        <label className="pw-choice-inline">
          <input type="radio" name={`${id}-show`} checked={show === 'cycle'} onChange={() => setShow('cycle')} />
          {t('workshopProjector.showCycle')}
        </label>
        {show === 'cycle' ? (
          <div className="pw-field pw-workshop-projector__detail">
            <label htmlFor={`${id}-seconds`}>{t('workshopProjector.seconds')}</label>
            <input
              id={`${id}-seconds`}
              className="pw-input pw-limit__input"
              type="number"
              inputMode="numeric"
              min={CYCLE_SECONDS.min}
              max={CYCLE_SECONDS.max}
              value={seconds}
              aria-invalid={!secondsValid}
              aria-describedby={`${id}-seconds-hint`}
              onChange={(event) => setSeconds(event.target.value)}
            />
            <p className={secondsValid ? 'pw-hint' : 'pw-error'} id={`${id}-seconds-hint`}>
              {t('workshopProjector.secondsHint', { min: CYCLE_SECONDS.min, max: CYCLE_SECONDS.max })}
            </p>
          </div>
        ) : null}
        <label className="pw-choice-inline">
          <input type="radio" name={`${id}-show`} checked={show === 'table'} onChange={() => setShow('table')} />
          {t('workshopProjector.showTable')}
        </label>
        {show === 'table' ? (
          <div className="pw-field pw-workshop-projector__detail">
            <label htmlFor={`${id}-table`}>{t('workshopProjector.table')}</label>
            <select
              id={`${id}-table`}
              className="pw-input"
              value={boardId}
              onChange={(event) => setChosen(event.target.value)}
            >
              {themeTables.map((table) => (
                <option key={table.id} value={table.id}>
                  {table.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {plenary ? (
          <label className="pw-choice-inline">
            <input type="radio" name={`${id}-show`} checked={show === 'plenary'} onChange={() => setShow('plenary')} />
            {t('workshopProjector.showPlenary')}
          </label>
        ) : null}
      </fieldset>
      {projectorToken ? (
        link ? (
          <div className="pw-field">
            <label htmlFor={`${id}-link`}>{t('control.projectorLink')}</label>
            <div className="pw-inline">
              <input
                id={`${id}-link`}
                className="pw-input pw-input--mono"
                readOnly
                value={link}
                data-testid="workshop-projector-link"
                onFocus={(event) => event.target.select()}
              />
              <CopyButton text={link} label={t('common.copy')} />
              <a className="pw-button pw-button--secondary" href={link} target="_blank" rel="noopener">
                {t('control.openProjector')}
              </a>
            </div>
          </div>
        ) : null
      ) : (
        <button type="button" className="pw-button pw-button--secondary" onClick={() => void create()}>
          {t('control.createProjector')}
        </button>
      )}
      <ErrorText error={error} />
    </section>
  )
}
