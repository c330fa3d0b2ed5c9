import type { RoundStateSection } from '@pinnwand/shared/votingApi'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoardContext } from '../board/BoardContext.ts'
import { describeError } from './describeError.ts'
import { RoundClock } from './RoundClock.tsx'
import { RoundSetupForm } from './RoundSetupForm.tsx'
import { useAction } from './useAction.ts'
import { useVoting } from './votingStore.ts'
import { votingApi } from './votingHttp.ts'

/** The state of the round in one line: open/closed/revealed, progress, time. */
export function RoundStatusLine({ round }: { round: RoundStateSection | null }) {
  const { t } = useTranslation()
  if (!round)
    return (
      <p className="pw-muted" data-testid="round-status" data-status="none">
        {t('voting.noRound')}
      </p>
    )
  return (
    <p className="pw-voting__status" data-testid="round-status" data-status={round.status}>
      <strong>{t(`voting.status.${round.status}`)}</strong>
      {' · '}
      {t('voting.progress', {
        voters: t('voting.voters', { count: round.voters }),
        dots: t('voting.dotsPlaced', { count: round.totalVotes }),
      })}
      {round.status === 'open' ? (
        <>
          {' · '}
          <RoundClock round={round} />
        </>
      ) : null}
      <br />
      <span className="pw-muted">
        {t('voting.settings', { count: round.dotsPerParticipant })}
        {round.maxPerIdea !== null ? ` · ${t('voting.settingsCap', { count: round.maxPerIdea })}` : ''}
        {' · '}
        {round.anonymous ? t('voting.anonymous') : t('voting.named')}
      </span>
    </p>
  )
}

/**
 * The facilitator's controls: open a round when none is open; while open, pause or resume the
 * timer, add a minute, vote for someone without a device, close; once closed, reveal.
 */
export function RoundControls({ round }: { round: RoundStateSection | null }) {
  const { t } = useTranslation()
  const { token } = useBoardContext()
  const action = useAction()
  const [setup, setSetup] = useState(false)
  const open = round?.status === 'open'
  const timed = open && (round.closesAt !== null || round.pausedRemainingMs != null)
  const paused = open && round.closesAt === null && round.pausedRemainingMs != null

  return (
    <div className="pw-round-controls" data-testid="round-controls">
      <RoundStatusLine round={round} />
      {round && open ? (
        <>
          <div className="pw-round-controls__buttons">
            {timed ? (
              <>
                <button
                  type="button"
                  className="pw-button pw-button--secondary"
                  disabled={action.busy}
                  data-testid={paused ? 'round-resume' : 'round-pause'}
                  onClick={() =>
                    void action.run(() =>
                      paused ? votingApi.resume(round.id, token) : votingApi.pause(round.id, token),
                    )
                  }
                >
                  {paused ? t('voting.controls.resume') : t('voting.controls.pause')}
                </button>
                <button
                  type="button"
                  className="pw-button pw-button--secondary"
                  disabled={action.busy}
                  data-testid="round-extend"
                  onClick={() => void action.run(() => votingApi.extend(round.id, 60, token))}
                >
                  {t('voting.controls.addMinute')}
                </button>
              </>
            ) : null}
            <button
              type="button"
              className="pw-button pw-button--secondary"
              disabled={action.busy}
              data-testid="round-close"
              onClick={() => void action.run(() => votingApi.close(round.id, token))}
            >
              {t('voting.controls.close')}
            </button>
            <button
              type="button"
              className="pw-button"
              disabled={action.busy}
              data-testid="round-reveal"
              onClick={() => void action.run(() => votingApi.reveal(round.id, token))}
            >
              {t('voting.controls.closeAndReveal')}
            </button>
          </div>
          <ProxyPicker />
        </>
      ) : null}
      {round?.status === 'closed' ? (
        <div className="pw-round-controls__buttons">
          <button
            type="button"
            className="pw-button"
            disabled={action.busy}
            data-testid="round-reveal"
            onClick={() => void action.run(() => votingApi.reveal(round.id, token))}
          >
            {t('voting.controls.reveal')}
          </button>
        </div>
      ) : null}
      <div role="alert" className="pw-voting__error">
        {action.error ? describeError(t, action.error) : null}
      </div>
      {!open ? (
        setup || !round ? (
          <RoundSetupForm onOpened={() => setSetup(false)} />
        ) : (
          <button
            type="button"
            className="pw-button pw-button--secondary"
            data-testid="round-new"
            onClick={() => setSetup(true)}
          >
            {t('voting.controls.newRound')}
          </button>
        )
      ) : null}
    </div>
  )
}

/**
 * Named proxy votes: the facilitator types the name of someone in the room without a device;
 * until they stop, their dot buttons (cards and list) place that person's dots, within that
 * person's own budget. The server marks these dots in the results.
 */
function ProxyPicker() {
  const { t } = useTranslation()
  const id = useId()
  const proxyName = useVoting((s) => s.proxyName)
  const setProxyName = useVoting((s) => s.setProxyName)
  const [name, setName] = useState('')
  if (proxyName) {
    return (
      <p className="pw-proxy" data-testid="proxy-active">
        {t('voting.proxy.for', { name: proxyName })}{' '}
        <button
          type="button"
          className="pw-button pw-button--secondary pw-button--small"
          onClick={() => setProxyName(null)}
        >
          {t('voting.proxy.stop')}
        </button>
      </p>
    )
  }
  return (
    // onKeyDown only keeps typed keys away from the canvas's shortcuts.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <form
      className="pw-proxy"
      onSubmit={(event) => {
        event.preventDefault()
        if (name.trim()) setProxyName(name)
        setName('')
      }}
      onKeyDown={(event) => event.stopPropagation()}
    >
      <label htmlFor={`${id}-proxy`}>{t('voting.proxy.label')}</label>
      <div className="pw-proxy__row">
        <input
          id={`${id}-proxy`}
          className="pw-input"
          maxLength={60}
          value={name}
          placeholder={t('voting.proxy.placeholder')}
          data-testid="proxy-name"
          onChange={(e) => setName(e.target.value)}
        />
        <button
          type="submit"
          className="pw-button pw-button--secondary"
          disabled={!name.trim()}
          data-testid="proxy-start"
        >
          {t('voting.proxy.start')}
        </button>
      </div>
    </form>
  )
}
