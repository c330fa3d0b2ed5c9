import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoardContext } from '../board/BoardContext.ts'
import { describePrivateError } from './describeError.ts'
import { usePrivateCards } from './privateCardsStore.ts'
import { revealPrivateCards, startPrivatePhase } from './privatePhaseApi.ts'
import { usePrivatePhaseSection } from './usePrivatePhase.ts'
import './privatePhase.css'

/**
 * The facilitator's Stilles Sammeln: start it (optionally seeing the texts as they come in), see
 * how many cards were written, and reveal them all at once, with or without names.
 */
export function PrivatePhaseControls() {
  const { t } = useTranslation()
  const { boardId, token } = useBoardContext()
  const phase = usePrivatePhaseSection()
  const cards = usePrivateCards((s) => s.cards)
  const id = useId()
  const [seeTexts, setSeeTexts] = useState(false)
  const [anonymous, setAnonymous] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      await action()
    } catch (cause) {
      setError(describePrivateError(t, cause))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="pw-facilitation__section" aria-labelledby={`${id}-heading`} data-testid="private-controls">
      <h3 id={`${id}-heading`} className="pw-facilitation__heading">
        {t('privatePhase.heading')}
      </h3>
      {phase ? (
        <>
          <p className="pw-facilitation__countdown" data-testid="private-controls-count" aria-live="polite">
            {t('privatePhase.written', { count: phase.cards })}
          </p>
          {phase.facilitatorSeesTexts && cards.length > 0 ? (
            <ul className="pw-private-controls__texts" aria-label={t('privatePhase.textsLabel')}>
              {cards.map((card) => (
                <li key={card.id}>
                  {card.text} <span className="pw-facilitation__state">({card.author})</span>
                </li>
              ))}
            </ul>
          ) : null}
          <label className="pw-private-controls__option">
            <input
              type="checkbox"
              checked={anonymous}
              data-testid="private-anonymous"
              onChange={(event) => setAnonymous(event.target.checked)}
            />
            {t('privatePhase.anonymous')}
          </label>
          <div className="pw-facilitation__buttons">
            <button
              type="button"
              className="pw-button"
              disabled={busy}
              data-testid="private-reveal"
              onClick={() =>
                void run(async () => {
                  const result = await revealPrivateCards(boardId, anonymous, token)
                  setNotice(t('privatePhase.revealed', { count: result.ideaIds.length }))
                })
              }
            >
              {t('privatePhase.reveal')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="pw-facilitation__hint">{t('privatePhase.hint')}</p>
          <label className="pw-private-controls__option">
            <input
              type="checkbox"
              checked={seeTexts}
              data-testid="private-see-texts"
              onChange={(event) => setSeeTexts(event.target.checked)}
            />
            {t('privatePhase.seeTexts')}
          </label>
          <div className="pw-facilitation__buttons">
            <button
              type="button"
              className="pw-button"
              disabled={busy}
              data-testid="private-start"
              onClick={() => void run(async () => void (await startPrivatePhase(boardId, seeTexts, token)))}
            >
              {t('privatePhase.start')}
            </button>
          </div>
        </>
      )}
      {notice ? (
        <p className="pw-facilitation__hint" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p className="pw-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  )
}
