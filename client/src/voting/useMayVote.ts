import type { RoundStateSection } from '@pinnwand/shared'
import { useVoting } from './votingStore.ts'

/**
 * Whether this person places dots in the round: participants always; the facilitation only when
 * the round gives it a budget ("Moderation stimmt mit ab"), or while it places dots for someone
 * without a device (proxy voting); the projector never.
 */
export function useMayVote(
  role: string,
  round: Pick<RoundStateSection, 'facilitatorsVote'> | null | undefined,
): boolean {
  const proxyName = useVoting((s) => s.proxyName)
  if (role === 'participant') return true
  if (role !== 'facilitator') return false
  return round?.facilitatorsVote === true || proxyName !== null
}
