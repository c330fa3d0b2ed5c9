import {
  currentRecords,
  type PrivateCardDto,
  type PrivateCardsResponse,
  type PrivatePhaseSection,
  PRIVATE_CARDS_PER_PERSON_MAX,
} from '@pinnwand/shared'
import type { Logger } from 'pino'
import type { Actor } from '../auth/Actor.ts'
import { onRefusedIdeaCards, type RefusedIdeaCard } from '../features/refusedIdeaCards.ts'
import { addOnce } from '../features/requestIdCards.ts'
import type { BoardStatePublishing, RoomAccess, RoomLifecycle } from '../sync/roomPorts.ts'
import type { BegunReveal, PrivateCardStore, PrivateCardWrite, StoredPrivateCard } from './PrivateCardStore.ts'
import { PRIVATE_PHASE_VERDICT } from './privatePhaseRoomGuard.ts'
import { phaseSection, planReveal, readableAuthor, revealedCardId } from './privatePhaseRules.ts'

/**
 * How long a begun reveal belongs to the instance that began it. Its write normally takes
 * milliseconds (a big board's first load a few seconds); after this a crashed revealer is
 * assumed and any instance may complete the reveal (`recover`).
 */
export const REVEAL_LEASE_MS = 15_000

/**
 * Stilles Sammeln on the server. The phase and the cards live in the database (every instance
 * reads the same), texts leave only in answers to those who may read them, and what everyone
 * may know — that the phase runs, and how many cards there are — goes out as the board-state
 * section `privatePhase` through the room manager (so through Redis to every instance).
 */
export class PrivatePhase {
  private readonly store: PrivateCardStore
  private readonly rooms: RoomAccess & BoardStatePublishing & RoomLifecycle
  private readonly logger: Logger
  private readonly now: () => number
  /** Reveals (and recoveries) of one board on this instance run one after another. */
  private readonly reveals = new Map<string, Promise<unknown>>()
  /** Boards with a recovery already scheduled for the end of a lease. */
  private readonly waiting = new Set<string>()

  constructor(
    store: PrivateCardStore,
    rooms: RoomAccess & BoardStatePublishing & RoomLifecycle,
    logger: Logger,
    now: () => number = Date.now,
  ) {
    this.store = store
    this.rooms = rooms
    this.logger = logger
    this.now = now
    rooms.addStateProvider(async (boardId) => ({ privatePhase: await this.section(boardId) }))
    // A reveal interrupted by a killed server is finished as soon as the board is loaded again.
    rooms.onRoomLoaded((room) => this.recoverLater(room.boardId, 0))
    // A card a device sent as a shared card before it learnt that the phase runs (its board
    // state was still on the way) is refused by the guard; it becomes the author's private card
    // instead of being lost.
    onRefusedIdeaCards(
      rooms,
      PRIVATE_PHASE_VERDICT,
      (card) => this.keepRefused(card),
      (error, boardId) => this.logger.warn({ err: error, boardId }, 'refused card not kept as a private card'),
    )
  }

  async section(boardId: string): Promise<PrivatePhaseSection | null> {
    const phase = await this.store.getPhase(boardId)
    return phaseSection(phase, phase ? await this.store.countCards(boardId) : 0)
  }

  async start(boardId: string, facilitatorSeesTexts: boolean): Promise<PrivatePhaseSection> {
    await this.store.startPhase(boardId, facilitatorSeesTexts, this.now())
    const section = await this.publish(boardId)
    this.logger.info({ boardId, facilitatorSeesTexts }, 'private phase started')
    return section!
  }

  async list(boardId: string, actor: Actor): Promise<PrivateCardsResponse> {
    const phase = await this.store.getPhase(boardId)
    // Every device asks on (re)connecting: a board that stayed loaded here while another
    // instance died mid-reveal gets its reveal finished this way too.
    if (phase?.revealing) this.recoverLater(boardId, 0)
    const author = readableAuthor(actor, phase)
    const cards = phase && author !== null ? await this.store.listCards(boardId, author) : []
    return {
      phase: phaseSection(phase, phase ? await this.store.countCards(boardId) : 0),
      cards: cards.map(dto),
    }
  }

  /**
   * Adds a private card. With `clientRequestId` (a device's outbox resending after a lost answer,
   * or the catcher and the server both keeping one refused card, `refused:<shape id>`) the card's
   * id is derived from the author and that id, so a repeat answers with the card already made
   * instead of adding a second one (features/requestIdCards.ts).
   */
  async add(
    boardId: string,
    actor: Actor,
    text: string,
    clientRequestId?: string,
  ): Promise<{ result: PrivateCardWrite; card?: PrivateCardDto }> {
    const now = this.now()
    const cardOf = (id: string): StoredPrivateCard => ({
      id,
      boardId,
      authorId: actor.userId,
      authorName: actor.name,
      text,
      createdAt: now,
      updatedAt: now,
    })
    const added = await addOnce(
      actor.userId,
      clientRequestId,
      async (id) => (await this.store.listCards(boardId, actor.userId)).find((card) => card.id === id),
      (id) => this.store.addCard(cardOf(id), PRIVATE_CARDS_PER_PERSON_MAX),
    )
    if ('found' in added) return { result: 'ok', card: dto(added.found) }
    const result = added.inserted
    if (result === 'ok') await this.publish(boardId)
    return result === 'ok' ? { result, card: dto(cardOf(added.id)) } : { result }
  }

  /** Keeps a refused shared card as its author's private card, under the catcher's request id. */
  private async keepRefused({ boardId, actor, requestId, text }: RefusedIdeaCard): Promise<void> {
    if (actor.role !== 'participant') return
    const { result } = await this.add(boardId, actor, text, requestId)
    this.logger.info({ boardId, result }, 'a card sent as the private phase began kept as a private card')
  }

  async update(boardId: string, actor: Actor, cardId: string, text: string): Promise<PrivateCardWrite> {
    const result = await this.store.updateCard(boardId, cardId, actor.userId, text, this.now())
    if (result === 'ok') await this.publish(boardId)
    return result
  }

  async remove(boardId: string, actor: Actor, cardId: string): Promise<PrivateCardWrite> {
    const result = await this.store.deleteCard(boardId, cardId, actor.userId, this.now())
    if (result === 'ok') await this.publish(boardId)
    return result
  }

  /**
   * Puts every private card on the board at once and ends the phase. All or nothing: the cards
   * are written in one server transaction (one update, persisted before anyone sees it), and only
   * then are the private rows deleted; the ids are derived from the private cards, so a retry —
   * or the recovery after a restart — never adds a card twice. Null: no phase runs.
   */
  reveal(boardId: string, anonymous: boolean): Promise<string[] | null> {
    return this.queue(boardId, async () => {
      const begun = await this.store.beginReveal(boardId, anonymous, this.now())
      return begun ? this.write(boardId, begun) : null
    })
  }

  /**
   * Finishes a reveal that a killed server left half done: the marker says "revealing" (so the
   * cards are frozen) but the phase never ended. Two ways out were possible — complete it, or
   * roll it back to a running phase after a while. Completing is what the facilitator asked for,
   * and it is safe to repeat: the marker keeps the choice (with or without names), the card ids
   * come from the private cards, and the write is one transaction, so whether the dead server's
   * write reached the board or not, the board ends with every card exactly once. Rolling back
   * would not be safe: a revealer still alive on another instance could write after the rollback,
   * and the reopened cards, edited again, would then be on the board twice over in two versions.
   *
   * Another instance may be mid-reveal right now (behind Redis both hold the board), so a reveal
   * is taken over only when its lease (`REVEAL_LEASE_MS` from its start) has run out; taking it
   * over renews the lease, so of several instances one completes it at a time. Should the first
   * revealer still write after all, its cards carry the same ids: each card stays once.
   */
  private recoverLater(boardId: string, delayMs: number, before?: () => void): void {
    const timer = setTimeout(() => {
      before?.()
      void this.recover(boardId).catch((error: unknown) =>
        this.logger.warn({ err: error, boardId }, 'interrupted reveal not finished'),
      )
    }, delayMs)
    timer.unref()
  }

  private async recover(boardId: string): Promise<void> {
    // A reveal of this instance is under way: it finishes the job (or fails and is retried).
    if (this.reveals.has(boardId)) return
    const phase = await this.store.getPhase(boardId)
    if (!phase?.revealing) return
    const leaseLeft = (phase.revealStartedAt ?? 0) + REVEAL_LEASE_MS - this.now()
    if (leaseLeft > 0 && !(await this.allOnBoard(boardId))) {
      // Someone may be writing it right now: have another look when the lease has run out.
      if (!this.waiting.has(boardId)) {
        this.waiting.add(boardId)
        this.recoverLater(boardId, leaseLeft + 50, () => this.waiting.delete(boardId))
      }
      return
    }
    const ids = await this.queue(boardId, async () => {
      const claimed = await this.store.claimInterruptedReveal(boardId, this.now(), leaseLeft > 0 ? 0 : REVEAL_LEASE_MS)
      return claimed ? this.write(boardId, claimed) : null
    })
    if (ids) this.logger.info({ boardId, cards: ids.length }, 'interrupted reveal finished')
  }

  /** Whether every frozen card is on the board already: then only the clean-up is missing. */
  private async allOnBoard(boardId: string): Promise<boolean> {
    const cards = await this.store.listCards(boardId)
    const room = await this.rooms.open(boardId)
    try {
      return cards.every((card) => room.records.has(revealedCardId(card)))
    } finally {
      this.rooms.releaseIfIdle(room)
    }
  }

  /** Reveals and recoveries of one board on this instance run one after another. */
  private queue<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.reveals.get(boardId) ?? Promise.resolve()
    const run = previous.catch(() => undefined).then(task)
    const settled = run.finally(() => {
      if (this.reveals.get(boardId) === settled) this.reveals.delete(boardId)
    })
    this.reveals.set(boardId, settled)
    return run
  }

  private async write(boardId: string, { cards, anonymous, phaseStartedAt }: BegunReveal): Promise<string[]> {
    const room = await this.rooms.open(boardId)
    try {
      await room.change((records) => {
        for (const idea of planReveal(currentRecords(records), cards, anonymous, this.now())) {
          records.set(idea.id, idea)
        }
        // Person records left by older web apps name everyone at the table; they are not content
        // (the policy refuses new ones), and after this reveal nothing may tell who was there.
        for (const record of currentRecords(records)) if (record.typeName === 'user') records.delete(record.id)
      })
    } finally {
      this.rooms.releaseIfIdle(room)
    }
    await this.store.finishReveal(boardId, phaseStartedAt)
    this.rooms.setBoardState(boardId, { privatePhase: null })
    this.logger.info({ boardId, cards: cards.length, anonymous }, 'private cards revealed')
    return cards.map(revealedCardId)
  }

  private async publish(boardId: string): Promise<PrivatePhaseSection | null> {
    const section = await this.section(boardId)
    this.rooms.setBoardState(boardId, { privatePhase: section })
    return section
  }
}

function dto(card: StoredPrivateCard): PrivateCardDto {
  return {
    id: card.id,
    text: card.text,
    author: card.authorName,
    authorId: card.authorId,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
  }
}
