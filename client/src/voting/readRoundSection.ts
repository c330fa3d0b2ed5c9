import type { RoundStateSection } from '@pinnwand/shared/votingApi'

const statuses = new Set(['open', 'closed', 'revealed'])
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0
const isTime = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v))

/**
 * The `round` section of a board-state message, checked: a half-deployed server update must not
 * crash the board, so anything that does not look like a round reads as "no round".
 */
export function readRoundSection(value: unknown): RoundStateSection | null {
  if (typeof value !== 'object' || value === null) return null
  const r = value as Record<string, unknown>
  if (typeof r.id !== 'string' || typeof r.status !== 'string' || !statuses.has(r.status)) return null
  if (!isCount(r.dotsPerParticipant) || !isCount(r.voters) || !isCount(r.totalVotes)) return null
  if (!(r.maxPerIdea === null || isCount(r.maxPerIdea)) || !isTime(r.closesAt)) return null
  const eligible = r.eligibleIdeaIds
  if (!(eligible === null || (Array.isArray(eligible) && eligible.every((id) => typeof id === 'string')))) return null
  const paused = r.pausedRemainingMs
  return {
    id: r.id,
    status: r.status as RoundStateSection['status'],
    dotsPerParticipant: r.dotsPerParticipant,
    maxPerIdea: r.maxPerIdea as number | null,
    eligibleIdeaIds: eligible as string[] | null,
    anonymous: r.anonymous === true,
    closesAt: r.closesAt as number | null,
    pausedRemainingMs: isCount(paused) ? paused : null,
    voters: r.voters,
    totalVotes: r.totalVotes,
  }
}

/** Whether an idea may receive dots in this round (cards outside it are shown as not eligible). */
export function isEligibleIdea(round: Pick<RoundStateSection, 'eligibleIdeaIds'>, ideaId: string): boolean {
  return round.eligibleIdeaIds === null || round.eligibleIdeaIds.includes(ideaId)
}

/** The round's timer in the shape the countdown helpers use; null without timer or when not open. */
export function roundTimer(round: RoundStateSection | null) {
  if (!round || round.status !== 'open') return null
  if (round.closesAt !== null) return { running: true, endsAt: round.closesAt, remainingMs: null, durationMs: 0 }
  if (round.pausedRemainingMs != null) {
    return { running: false, endsAt: null, remainingMs: round.pausedRemainingMs, durationMs: 0 }
  }
  return null
}
