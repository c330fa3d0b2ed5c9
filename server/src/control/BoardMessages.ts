import { type BoardStateMessage, boardKindOf } from '@pinnwand/shared'
import type { BoardMessageBody, BoardMessageSection } from '@pinnwand/shared/controlApi'
import type { Logger } from 'pino'
import { generateId } from '../auth/tokens.ts'
import { isOpenToParticipants, type Store } from '../store/Store.ts'
import type { BoardStatePublishing, SharedValues } from '../sync/roomPorts.ts'

/** A message nobody took down is gone after this long (it was about the moment). */
const MESSAGE_TTL_MS = 2 * 60 * 60 * 1000

const messageKey = (boardId: string) => `board-message:${boardId}`

export type MessageOutcome = { ok: true; message: BoardMessageSection | null } | { ok: false; code: 'no_plenary' }

/**
 * The organiser's short message to every device of a table ("Noch 5 Minuten, dann Plenum"), as
 * the board-state section `message`: set on this instance's room and relayed to the others, and
 * kept in the relay's shared values so a board loaded later (or a reconnecting phone) shows it too.
 */
export class BoardMessages {
  private readonly rooms: BoardStatePublishing & SharedValues
  private readonly store: Pick<Store, 'listBoards' | 'setOpenToParticipants'>
  private readonly logger: Logger

  constructor(
    rooms: BoardStatePublishing & SharedValues,
    store: Pick<Store, 'listBoards' | 'setOpenToParticipants'>,
    logger: Logger,
  ) {
    this.rooms = rooms
    this.store = store
    this.logger = logger
    rooms.addStateProvider(async (boardId) => ({ message: await this.current(boardId) }))
  }

  async send(
    board: { id: string; workshopId: string },
    body: BoardMessageBody,
    now = Date.now(),
  ): Promise<MessageOutcome> {
    let plenaryBoardId: string | null = null
    if (body.toPlenary) {
      const plenary = (await this.store.listBoards(board.workshopId)).find((b) => boardKindOf(b) === 'plenary')
      if (!plenary) return { ok: false, code: 'no_plenary' }
      plenaryBoardId = plenary.id === board.id ? null : plenary.id
      // Calling everyone to the plenary opens it to them (a closed plenary refuses participants).
      if (!isOpenToParticipants(plenary)) await this.store.setOpenToParticipants(plenary.id, true)
    }
    const message: BoardMessageSection | null =
      body.text || plenaryBoardId ? { id: generateId('m'), text: body.text, plenaryBoardId, at: now } : null
    try {
      await this.rooms.setSharedValue(messageKey(board.id), message ? JSON.stringify(message) : null, MESSAGE_TTL_MS)
    } catch (error) {
      // Shown to everyone connected now anyway; only a board loaded later would miss it.
      this.logger.warn({ err: error, boardId: board.id }, 'board message not stored for later')
    }
    this.rooms.setBoardState(board.id, { message } as Partial<BoardStateMessage>)
    return { ok: true, message }
  }

  private async current(boardId: string): Promise<BoardMessageSection | null> {
    try {
      const stored = await this.rooms.getSharedValue(messageKey(boardId))
      return stored ? (JSON.parse(stored) as BoardMessageSection) : null
    } catch (error) {
      this.logger.warn({ err: error, boardId }, 'board message unavailable')
      return null
    }
  }
}
