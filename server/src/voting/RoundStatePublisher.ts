import type { BoardStateMessage, RoundStateSection } from '@pinnwand/shared'
import type { Logger } from 'pino'
import type { BoardStatePublishing, RoomAccess, RoomSignals } from '../sync/roomPorts.ts'
import { effectiveStatus } from './votingRules.ts'
import type { RoundRow, VotingStore } from './VotingStore.ts'

/** Progress is pushed at most this often per board: a plenary vote is hundreds of taps a second. */
const PROGRESS_INTERVAL_MS = 500

/** What everyone on a board may know about its current round (shared/src/votingApi.ts). */
export type { RoundStateSection }

/**
 * Keeps the `round` section of each loaded board's server-owned state current (docs/architecture.md, decision 2:
 * round state reaches clients as a read-only channel). Nothing here is ever written into the
 * board document, so no client can change it.
 */
export class RoundStatePublisher {
  private readonly pending = new Map<string, NodeJS.Timeout>()
  private readonly store: VotingStore
  private readonly rooms: BoardStatePublishing & RoomSignals & Pick<RoomAccess, 'getLoaded'>
  private readonly logger: Logger

  constructor(
    store: VotingStore,
    rooms: BoardStatePublishing & RoomSignals & Pick<RoomAccess, 'getLoaded'>,
    logger: Logger,
  ) {
    this.store = store
    this.rooms = rooms
    this.logger = logger
    rooms.addStateProvider(async (boardId) => ({ round: await this.currentSection(boardId) }))
    // Votes taken on another instance: read the tally here too (scale-out).
    rooms.onSignal('round', (boardId) => void this.publishNow(boardId, false))
  }

  /** The latest round of a board (open, or the last one), as the state section. */
  async currentSection(boardId: string): Promise<RoundStateSection | null> {
    const rounds = await this.store.listRounds(boardId)
    const now = Date.now()
    const latest = rounds.find((r) => effectiveStatus(r, now) === 'open') ?? rounds.at(-1)
    return latest ? this.section(latest, now) : null
  }

  /** Round opened, closed or revealed: publish at once. */
  async publishNow(boardId: string, tellOtherInstances = true): Promise<void> {
    const timer = this.pending.get(boardId)
    if (timer) clearTimeout(timer)
    this.pending.delete(boardId)
    if (tellOtherInstances) this.rooms.signal(boardId, 'round', true)
    const room = this.rooms.getLoaded(boardId)
    if (!room) return
    try {
      room.setBoardState({ round: await this.currentSection(boardId) } as Partial<BoardStateMessage>)
    } catch (error) {
      this.logger.warn({ err: error, boardId }, 'publishing round state failed')
    }
  }

  /** A vote was cast: publish progress soon, merged with other votes. */
  progress(boardId: string): void {
    if (this.pending.has(boardId)) return
    const timer = setTimeout(() => void this.publishNow(boardId), PROGRESS_INTERVAL_MS)
    timer.unref()
    this.pending.set(boardId, timer)
  }

  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer)
    this.pending.clear()
  }

  private async section(round: RoundRow, now: number): Promise<RoundStateSection> {
    const tally = await this.store.tally(round.id)
    return {
      id: round.id,
      status: effectiveStatus(round, now),
      dotsPerParticipant: round.dotsPerParticipant,
      maxPerIdea: round.maxPerIdea,
      eligibleIdeaIds: round.ideaIds,
      anonymous: round.anonymous,
      closesAt: round.closesAt,
      pausedRemainingMs: round.pausedRemainingMs,
      facilitatorsVote: round.facilitatorsVote ?? false,
      voters: tally.voters,
      totalVotes: tally.totalVotes,
    }
  }
}
