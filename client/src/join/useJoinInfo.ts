import type { JoinInfoResponse } from '@pinnwand/shared/api'
import { useEffect, useState } from 'react'
import { ApiError, fetchMe, lookupJoinCode } from '../api/apiClient.ts'
import { identityStore, type ParticipantIdentity } from '../session/identityStore.ts'

export type JoinInfoState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; info: JoinInfoResponse; identity: ParticipantIdentity | null }

/**
 * Looks up a join code and checks the identity this device already has in that workshop: a
 * token the server no longer accepts (revoked, workshop reset) is forgotten, so the person
 * joins again instead of landing on a board that refuses them.
 */
export function useJoinInfo(code: string): JoinInfoState {
  // The answer for the code it was looked up for: another code is loading until its own arrives.
  const [answer, setAnswer] = useState<{ code: string; state: JoinInfoState } | null>(null)
  useEffect(() => {
    let cancelled = false
    const run = async (): Promise<JoinInfoState> => {
      const info = await lookupJoinCode(code)
      let identity = identityStore.participant(info.workshop.id)
      if (identity) {
        try {
          const me = await fetchMe(identity.participantToken)
          if (me.role !== 'participant' || me.workshopId !== info.workshop.id)
            throw new ApiError(401, 'unauthorized', '')
          identity = { ...identity, name: me.name }
        } catch (error) {
          if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) throw error
          identityStore.forgetParticipant(info.workshop.id)
          identity = null
        }
      }
      return { status: 'ready', info, identity }
    }
    run().then(
      (next) => !cancelled && setAnswer({ code, state: next }),
      (error: unknown) => !cancelled && setAnswer({ code, state: { status: 'failed', error } }),
    )
    return () => {
      cancelled = true
    }
  }, [code])
  return answer?.code === code ? answer.state : { status: 'loading' }
}
