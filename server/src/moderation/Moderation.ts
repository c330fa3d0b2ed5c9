import { currentRecords, HELD_CARDS_PER_PERSON_MAX, type HeldCardDto, type HeldCardsResponse } from '@pinnwand/shared'
import type { ModerationSection } from '@pinnwand/shared'
import type { Logger } from 'pino'
import type { Actor } from '../auth/Actor.ts'
import { onRefusedIdeaCards, type RefusedIdeaCard } from '../features/refusedIdeaCards.ts'
import { addOnce } from '../features/requestIdCards.ts'
import { planReveal } from '../privatePhase/privatePhaseRules.ts'
import type { BoardRoom } from '../sync/BoardRoom.ts'
import type { BoardStatePublishing, RoomAccess, RoomLifecycle } from '../sync/roomPorts.ts'
import type { HeldCardStore, HeldCardWrite, StoredHeldCard } from './HeldCardStore.ts'
import { MODERATION_VERDICT } from './moderationRoomGuard.ts'
import { approvedCardId, heldCardDto, moderationSection } from './moderationRules.ts'

export type ApprovalResult = { result: 'ok'; ideaId: string } | { result: 'not_found' | 'decided' }

/**
 * The moderation inbox on the server, built like Stilles Sammeln (`privatePhase/PrivatePhase.ts`):
 * the setting and the held cards live in the database (every instance reads the same), texts leave
 * only in answers to those who may read them, and what everyone may know — that the board is
 * moderated, and how many cards wait or were rejected — goes out as the board-state section
 * `moderation` through the room manager (so through Redis to every instance).
 */
export class Moderation {
  private readonly store: HeldCardStore
  private readonly rooms: RoomAccess & BoardStatePublishing & RoomLifecycle
  private readonly logger: Logger
  private readonly now: () => number

  constructor(
    store: HeldCardStore,
    rooms: RoomAccess & BoardStatePublishing & RoomLifecycle,
    logger: Logger,
    now: () => number = Date.now,
  ) {
    this.store = store
    this.rooms = rooms
    this.logger = logger
    this.now = now
    rooms.addStateProvider(async (boardId) => ({ moderation: await this.section(boardId) }))
    // An approval whose database transition happened but whose board write did not (a killed
    // server) is finished as soon as the board is loaded again.
    rooms.onRoomLoaded((room) => {
      void this.finishInterruptedApprovals(room).catch((error: unknown) =>
        this.logger.warn({ err: error, boardId: room.boardId }, 'interrupted approval not finished'),
      )
    })
    // A card a device sent as a shared card before it heard that moderation is on is refused
    // by the guard; it waits for approval instead of being lost.
    onRefusedIdeaCards(
      rooms,
      MODERATION_VERDICT,
      (card) => this.keepRefused(card),
      (error, boardId) => this.logger.warn({ err: error, boardId }, 'refused card not kept for approval'),
    )
  }

  /** The section from the database (what every instance reads). */
  async section(boardId: string): Promise<ModerationSection | null> {
    const setting = await this.store.getModeration(boardId)
    return moderationSection(setting, setting ? await this.store.countWaiting(boardId) : 0)
  }

  /** Which of these boards are moderated (the dashboard's overview). */
  moderatedBoards(boardIds: readonly string[]): Promise<Set<string>> {
    return this.store.moderatedBoards(boardIds)
  }

  async setEnabled(boardId: string, enabled: boolean): Promise<ModerationSection> {
    await this.store.setModeration(boardId, enabled, this.now())
    this.logger.info({ boardId, enabled }, 'moderation changed')
    return (await this.publish(boardId))!
  }

  /** The author's own waiting and rejected cards. */
  async own(boardId: string, actor: Actor): Promise<HeldCardsResponse> {
    const cards = await this.store.listCards(boardId, actor.userId)
    return { moderation: await this.section(boardId), cards: cards.map(heldCardDto) }
  }

  /** Every waiting card (the facilitator's inbox); rejected texts are not in it. */
  async inbox(boardId: string): Promise<HeldCardsResponse> {
    const cards = await this.store.listCards(boardId)
    return { moderation: await this.section(boardId), cards: cards.map(heldCardDto) }
  }

  /**
   * Holds a participant's card for approval. With `clientRequestId` (the catcher and the server
   * both keeping one refused card, `refused:<shape id>`), a repeat answers with the card already
   * made instead of adding a second one (features/requestIdCards.ts).
   */
  async add(
    boardId: string,
    actor: Actor,
    text: string,
    clientRequestId?: string,
  ): Promise<{ result: HeldCardWrite; card?: HeldCardDto }> {
    const now = this.now()
    const cardOf = (id: string): StoredHeldCard => ({
      id,
      boardId,
      authorId: actor.userId,
      authorName: actor.name,
      text,
      status: 'waiting',
      reason: null,
      createdAt: now,
      updatedAt: now,
    })
    const added = await addOnce(
      actor.userId,
      clientRequestId,
      async (id) => (await this.store.listCards(boardId, actor.userId)).find((card) => card.id === id),
      (id) => this.store.addCard(cardOf(id), HELD_CARDS_PER_PERSON_MAX),
    )
    if ('found' in added) return { result: 'ok', card: heldCardDto(added.found) }
    const result = added.inserted
    if (result === 'ok') await this.publish(boardId)
    return result === 'ok' ? { result, card: heldCardDto(cardOf(added.id)) } : { result }
  }

  /** Keeps a refused shared card as a card waiting for approval, under the catcher's request id. */
  private async keepRefused({ boardId, actor, requestId, text }: RefusedIdeaCard): Promise<void> {
    if (actor.role !== 'participant') return
    const { result } = await this.add(boardId, actor, text, requestId)
    this.logger.info({ boardId, result }, 'a card sent as moderation began kept for approval')
  }

  async update(boardId: string, actor: Actor, cardId: string, text: string): Promise<HeldCardWrite> {
    const result = await this.store.updateCard(boardId, cardId, actor.userId, text, this.now())
    if (result === 'ok') await this.publish(boardId)
    return result
  }

  async remove(boardId: string, actor: Actor, cardId: string): Promise<HeldCardWrite> {
    const result = await this.store.deleteCard(boardId, cardId, actor.userId, this.now())
    if (result === 'ok') await this.publish(boardId)
    return result
  }

  /**
   * "Freigeben": the database transition first (one conditional update — of two tabs or two
   * instances exactly one wins), then the card goes on the board, placed in the collecting area
   * like a revealed card, with an id derived from the held card (written twice, it is still one
   * card); only then does the row go.
   */
  async approve(boardId: string, cardId: string, text: string | undefined): Promise<ApprovalResult> {
    const approval = await this.store.approve(boardId, cardId, text, this.now())
    if (approval.result !== 'ok') return approval
    await this.place(boardId, [approval.card])
    await this.store.finishApproval(boardId, cardId)
    await this.publish(boardId)
    this.logger.info({ boardId, edited: text !== undefined }, 'held card approved')
    return { result: 'ok', ideaId: approvedCardId(approval.card) }
  }

  /** The text stays for its author only (with the reason); the inbox and everyone else see a count. */
  async reject(boardId: string, cardId: string, reason: string | null): Promise<HeldCardWrite> {
    const result = await this.store.reject(boardId, cardId, reason, this.now())
    if (result === 'ok') {
      await this.publish(boardId)
      this.logger.info({ boardId, withReason: reason !== null }, 'held card rejected')
    }
    return result
  }

  private async place(boardId: string, cards: StoredHeldCard[]): Promise<void> {
    const room = await this.rooms.open(boardId)
    try {
      await room.change((records) => {
        for (const idea of planReveal(currentRecords(records), cards, false, this.now(), approvedCardId)) {
          records.set(idea.id, idea)
        }
      })
    } finally {
      this.rooms.releaseIfIdle(room)
    }
  }

  private async finishInterruptedApprovals(room: BoardRoom): Promise<void> {
    const cards = await this.store.listApproved(room.boardId)
    if (cards.length === 0) return
    await this.place(room.boardId, cards)
    for (const card of cards) await this.store.finishApproval(room.boardId, card.id)
    await this.publish(room.boardId)
    this.logger.info({ boardId: room.boardId, cards: cards.length }, 'interrupted approvals finished')
  }

  private async publish(boardId: string): Promise<ModerationSection | null> {
    const section = await this.section(boardId)
    this.rooms.setBoardState(boardId, { moderation: section })
    return section
  }
}
