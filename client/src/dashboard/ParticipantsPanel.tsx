import { REMOVED_NAME } from '@pinnwand/shared/privacyApi'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchParticipants, removeParticipantName, revokeParticipant } from '../api/apiClient.ts'
import { ErrorText } from '../ui/ErrorText.tsx'
import { usePolling } from './usePolling.ts'

/** Who has joined the workshop; "remove" revokes the person's token and closes their connections. */
export function ParticipantsPanel({ workshopId, token }: { workshopId: string; token: string }) {
  const { t, i18n } = useTranslation()
  const load = useCallback(() => fetchParticipants(workshopId, token), [workshopId, token])
  const { data, error, refresh } = usePolling(load, 5000)
  const [actionError, setActionError] = useState<unknown>(null)
  const active = data?.participants.filter((p) => !p.revoked) ?? []
  const timeFormat = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' })

  const remove = async (participantId: string, name: string) => {
    if (!window.confirm(t('dashboard.participants.confirmRemove', { name }))) return
    setActionError(null)
    try {
      await revokeParticipant(workshopId, participantId, token)
      refresh()
    } catch (cause) {
      setActionError(cause)
    }
  }

  // Data protection: the person asked to have their name removed from the record.
  const removeName = async (participantId: string, name: string) => {
    if (!window.confirm(t('legal.removeName.confirm', { name }))) return
    setActionError(null)
    try {
      await removeParticipantName(workshopId, participantId, token)
      refresh()
    } catch (cause) {
      setActionError(cause)
    }
  }

  return (
    <section className="pw-card" aria-labelledby="participants-heading">
      <h2 id="participants-heading">{t('dashboard.participants.heading', { count: active.length })}</h2>
      {data && active.length === 0 ? <p className="pw-hint">{t('dashboard.participants.none')}</p> : null}
      {active.length > 0 ? (
        <ul className="pw-participants">
          {active.map((participant) => (
            <li key={participant.id}>
              <span className="pw-participants__name">{participant.name}</span>
              <span className="pw-hint">
                {t('dashboard.participants.joinedAt', { time: timeFormat.format(participant.joinedAt) })}
              </span>
              <button
                type="button"
                className="pw-button pw-button--quiet"
                onClick={() => void remove(participant.id, participant.name)}
              >
                {t('dashboard.participants.remove')}
                <span className="pw-visually-hidden"> {participant.name}</span>
              </button>
              {participant.name === REMOVED_NAME ? null : (
                <button
                  type="button"
                  className="pw-button pw-button--quiet"
                  onClick={() => void removeName(participant.id, participant.name)}
                >
                  {t('legal.removeName.button')}
                  <span className="pw-visually-hidden"> {participant.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {data ? null : <ErrorText error={error} />}
      <ErrorText error={actionError} />
    </section>
  )
}
