import { createHash, randomUUID } from 'node:crypto'
import {
  currentRecords,
  type PrivateCardDto,
  type PrivateCardsResponse,
  type PrivatePhaseSection,
  PRIVATE_CARDS_PER_PERSON_MAX,
} from '@pinnwand/shared'
import type { Logger } from 'pino'
import type { Actor } from '../auth/Actor.ts'
import type { BoardRoom } from '../sync/BoardRoom.ts'
import type { BoardStatePublishing, RoomAccess, RoomLifecycle } from '../sync/roomPorts.ts'
import type { PrivateCardStore, PrivateCardWrite, StoredPrivateCard } from './PrivateCardStore.ts'
import { phaseSection, planReveal, readableAuthor, revealedCardId } from './privatePhaseRules.ts'

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
  /** Reveals of one board on this instance run one after another. */
  private readonly reveals = new Map<string, Promise<unknown>>()

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
    // A reveal whose write reached the board but whose clean-up did not (a killed server) is
    // finished as soon as the board is loaded again: then it happened completely.
    rooms.onRoomLoaded((room) => {
      void this.finishInterruptedReveal(room).catch((error: unknown) =>
        this.logger.warn({ err: error, boardId: room.boardId }, 'interrupted reveal not finished'),
      )
    })
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
    const author = readableAuthor(actor, phase)
    const cards = phase && author !== null ? await this.store.listCards(boardId, author) : []
    return {
      phase: phaseSection(phase, phase ? await this.store.countCards(boardId) : 0),
      cards: cards.map(dto),
    }
  }

  /**
   * Adds a private card. With `clientRequestId` (a device's outbox resending after a lost answer)
   * the card's id is derived from the author and that id, so a repeat finds the card it already
   * made and answers with it instead of adding a second one; another person's request id can
   * never name someone else's card.
   */
  async add(
    boardId: string,
    actor: Actor,
    text: string,
    clientRequestId?: string,
  ): Promise<{ result: PrivateCardWrite; card?: PrivateCardDto }> {
    const id = clientRequestId === undefined ? randomUUID() : cardIdFor(actor.userId, clientRequestId)
    const existing = async () =>
      clientRequestId === undefined
        ? undefined
        : (await this.store.listCards(boardId, actor.userId)).find((card) => card.id === id)
    const before = await existing()
    if (before) return { result: 'ok', card: dto(before) }
    const now = this.now()
    const card: StoredPrivateCard = {
      id,
      boardId,
      authorId: actor.userId,
      authorName: actor.name,
      text,
      createdAt: now,
      updatedAt: now,
    }
    let result: PrivateCardWrite
    try {
      result = await this.store.addCard(card, PRIVATE_CARDS_PER_PERSON_MAX)
    } catch (error) {
      // Two copies of one request at once: the other one's insert won the primary key.
      const raced = await existing()
      if (raced) return { result: 'ok', card: dto(raced) }
      throw error
    }
    if (result === 'ok') await this.publish(boardId)
    return result === 'ok' ? { result, card: dto(card) } : { result }
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
   * or the clean-up after a restart — never adds a card twice. Null: no phase runs.
   */
  reveal(boardId: string, anonymous: boolean): Promise<string[] | null> {
    const previous = this.reveals.get(boardId) ?? Promise.resolve()
    const run = previous.catch(() => undefined).then(() => this.revealNow(boardId, anonymous))
    const settled = run.finally(() => {
      if (this.reveals.get(boardId) === settled) this.reveals.delete(boardId)
    })
    this.reveals.set(boardId, settled)
    return run
  }

  private async revealNow(boardId: string, anonymous: boolean): Promise<string[] | null> {
    const cards = await this.store.beginReveal(boardId)
    if (cards === null) return null
    const room = await this.rooms.open(boardId)
    try {
      await room.change((records) => {
        for (const idea of planReveal(currentRecords(records), cards, anonymous, this.now())) {
          records.set(idea.id, idea)
        }
      })
    } finally {
      this.rooms.releaseIfIdle(room)
    }
    await this.store.finishReveal(boardId)
    this.rooms.setBoardState(boardId, { privatePhase: null })
    this.logger.info({ boardId, cards: cards.length, anonymous }, 'private cards revealed')
    return cards.map(revealedCardId)
  }

  private async finishInterruptedReveal(room: BoardRoom): Promise<void> {
    const phase = await this.store.getPhase(room.boardId)
    if (!phase?.revealing) return
    const cards = await this.store.listCards(room.boardId)
    // The write is one transaction: either every card is on the board, or none is.
    if (cards.length > 0 && !cards.every((card) => room.records.has(revealedCardId(card)))) return
    await this.store.finishReveal(room.boardId)
    this.rooms.setBoardState(room.boardId, { privatePhase: null })
    this.logger.info({ boardId: room.boardId }, 'interrupted reveal finished')
  }

  private async publish(boardId: string): Promise<PrivatePhaseSection | null> {
    const section = await this.section(boardId)
    this.rooms.setBoardState(boardId, { privatePhase: section })
    return section
  }
}

/** A private card's id for one person's client request id: a UUID-shaped hash of both. */
export function cardIdFor(authorId: string, clientRequestId: string): string {
  const hex = createHash('sha256').update(`${authorId}\n${clientRequestId.toLowerCase()}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
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
