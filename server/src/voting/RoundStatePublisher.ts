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
  /** A progress publish to come, and whether it must tell other instances (a vote taken here). */
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; tell: boolean }>()
  /** When each board's section was last published here (Date.now()). */
  private readonly lastPublished = new Map<string, number>()
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
    // Votes taken on another instance: read the tally here too (scale-out). Opening, closing
    // and revealing come as urgent signals and are published at once; vote progress merges
    // into this instance's own rhythm, or two instances in a voting burst would each publish
    // twice as often (their own votes and the other's), every time to every socket.
    rooms.onSignal('round', (boardId, urgent) =>
      urgent ? void this.publishNow(boardId, false) : this.progressFromElsewhere(boardId),
    )
  }

  /** The latest round of a board (open, or the last one), as the state section. */
  async currentSection(boardId: string): Promise<RoundStateSection | null> {
    const rounds = await this.store.listRounds(boardId)
    const now = Date.now()
    const latest = rounds.find((r) => effectiveStatus(r, now) === 'open') ?? rounds.at(-1)
    return latest ? this.section(latest, now) : null
  }

  /** Round opened, closed or revealed: publish at once. */
  async publishNow(boardId: string, tellOtherInstances = true, urgent = true): Promise<void> {
    const pending = this.pending.get(boardId)
    if (pending) clearTimeout(pending.timer)
    this.pending.delete(boardId)
    this.lastPublished.set(boardId, Date.now())
    if (tellOtherInstances) this.rooms.signal(boardId, 'round', urgent)
    const room = this.rooms.getLoaded(boardId)
    if (!room) {
      this.lastPublished.delete(boardId)
      return
    }
    try {
      room.setBoardState({ round: await this.currentSection(boardId) } as Partial<BoardStateMessage>)
    } catch (error) {
      this.logger.warn({ err: error, boardId }, 'publishing round state failed')
    }
  }

  /** A vote was cast: publish progress soon, merged with other votes. */
  progress(boardId: string): void {
    const pending = this.pending.get(boardId)
    if (pending) {
      pending.tell = true
      return
    }
    this.schedule(boardId, PROGRESS_INTERVAL_MS, true)
  }

  /**
   * Another instance took votes (its publish just read them from the database): publish here
   * too, at most once per interval — at once when the last publish is older than that, else
   * with the publish already coming or at the end of the interval.
   */
  private progressFromElsewhere(boardId: string): void {
    if (this.pending.has(boardId)) return
    const wait = (this.lastPublished.get(boardId) ?? -Infinity) + PROGRESS_INTERVAL_MS - Date.now()
    if (wait <= 0) void this.publishNow(boardId, false)
    else this.schedule(boardId, wait, false)
  }

  private schedule(boardId: string, delayMs: number, tell: boolean): void {
    const timer = setTimeout(() => {
      const entry = this.pending.get(boardId)
      void this.publishNow(boardId, entry?.tell ?? tell, false)
    }, delayMs)
    timer.unref()
    this.pending.set(boardId, { timer, tell })
  }

  stop(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer)
    this.pending.clear()
    this.lastPublished.clear()
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
