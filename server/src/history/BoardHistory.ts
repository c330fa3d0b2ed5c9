import type { BoardVersionDto, VersionFailureDto } from '@pinnwand/shared/historyApi'
import type { TLSchema } from '@tldraw/tlschema'
import type { Logger } from 'pino'
import { generateId } from '../auth/tokens.ts'
import { isIdeaCard } from '../domain/ideas.ts'
import { prepareImportedRecords } from '../domain/importBoard.ts'
import type { BoardRoom } from '../sync/BoardRoom.ts'
import type { RoomAccess, RoomLifecycle } from '../sync/roomPorts.ts'
import {
  applyBoardContentChanges,
  type BoardContent,
  changeCount,
  diffBoardContent,
  isEmptyChange,
  readBoardContent,
  withRecordsRestored,
} from './boardContent.ts'
import { type BoardVersionRow, type BoardVersionStore, VersionReason } from './BoardVersionStore.ts'
import type { MassDelete } from './MassDeleteWatch.ts'
import { isMassDeleteNotice } from './massDeleteRoomGuard.ts'
import { decodeVersionState, encodeVersionState } from './versionState.ts'
import { versionTitle } from './versionTitle.ts'

/**
 * Automatic versions kept per board (oldest dropped first). Manual versions are all kept: a
 * facilitator saves a handful a day, while phase changes, rounds, restores and mass deletes
 * add up over a long event. 200 is far more than a day's worth of automatic versions.
 */
export const KEEP_AUTOMATIC_VERSIONS = 200

export interface VersionInput {
  reason: VersionReason
  name: string
  createdBy: string | null
  detail?: Record<string, unknown>
}

/** Why a stored version cannot be used (damaged, or a schema this server cannot migrate). */
export class UnreadableVersionError extends Error {}

export interface RestoreResult {
  restored: BoardVersionRow
  before: BoardVersionRow | null
  changes: number
}

export function toVersionDto(row: BoardVersionRow): BoardVersionDto {
  const { ideas, ...detail } = row.detail ?? {}
  return {
    id: row.id,
    name: row.name,
    reason: row.reason,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    recordCount: row.recordCount,
    ideaCount: typeof ideas === 'number' ? ideas : null,
    detail,
  }
}

/**
 * What a "before restore" version says about the version that was restored, so a client can word
 * it in its own language. The restored version's details are left out when it was itself a
 * "before restore" version (an undo), so undo chains do not nest details ever deeper.
 */
function restoredDetail(restored: BoardVersionRow): Record<string, unknown> {
  const { ideas: _ideas, ...detail } = restored.detail ?? {}
  return {
    restoredVersionId: restored.id,
    restoredName: restored.name,
    restoredReason: restored.reason,
    ...(restored.reason === VersionReason.restore ? {} : { restoredDetail: detail }),
  }
}

/**
 * Board history: takes versions of a board's content, lists them, and restores one through the
 * live room as an ordinary server transaction, so every open copy sees the restore at once and
 * it is persisted like any other change. The content logic is in boardContent.ts (pure).
 */
export class BoardHistory {
  private readonly store: BoardVersionStore
  private readonly rooms: RoomAccess & RoomLifecycle
  private readonly schema: TLSchema
  private readonly logger: Logger
  readonly keepAutomatic: number
  /**
   * The last automatic version per board that could not be saved, until a later one is: the
   * versions list carries it, so the facilitator sees it in the history panel instead of only a
   * log line. In memory: after a restart (or on another instance) only the log has it.
   */
  private readonly failures = new Map<string, VersionFailureDto>()

  constructor(
    store: BoardVersionStore,
    rooms: RoomAccess & RoomLifecycle,
    schema: TLSchema,
    logger: Logger,
    keepAutomatic = KEEP_AUTOMATIC_VERSIONS,
  ) {
    this.store = store
    this.rooms = rooms
    this.schema = schema
    this.logger = logger
    this.keepAutomatic = keepAutomatic
    rooms.onRoomEvent((boardId, event) => {
      if (event.type === 'notice' && isMassDeleteNotice(event.notice)) this.keepBeforeMassDelete(boardId, event.notice)
    })
  }

  list(boardId: string): Promise<BoardVersionRow[]> {
    return this.store.listVersions(boardId)
  }

  /** The last automatic version of the board that failed, if no version was saved since. */
  lastAutomaticFailure(boardId: string): VersionFailureDto | undefined {
    return this.failures.get(boardId)
  }

  private noteAutomaticFailure(boardId: string, reason: VersionReason, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    this.failures.set(boardId, { reason, at: Date.now(), message: message.slice(0, 300) })
  }

  /**
   * What the JSON export tells about the board's history: names, reasons, times and counts of
   * the versions, never their content (that would make every backup hundreds of boards long).
   */
  /** What versions exist, for the JSON export: titled in the workshop's `language`. */
  async exportMetadata(boardId: string, language: string): Promise<Omit<BoardVersionDto, 'detail'>[]> {
    return (await this.store.listVersions(boardId)).map((row) => {
      const dto = toVersionDto(row)
      const { detail: _detail, ...meta } = dto
      return { ...meta, name: versionTitle(dto, language) }
    })
  }

  /** Saves the board's current content as a version. */
  async save(boardId: string, input: VersionInput): Promise<BoardVersionRow> {
    const room = await this.rooms.open(boardId)
    let content: BoardContent
    try {
      // Read synchronously right after open: the room cannot unload in between.
      content = this.read(room)
    } finally {
      this.rooms.releaseIfIdle(room)
    }
    return this.persist(boardId, content, input)
  }

  /**
   * An automatic version (phase change, voting round). Never fails the caller: the phase still
   * changes and the round still opens if the version cannot be written; the error is logged and
   * shown in the history panel (`lastAutomaticFailure`).
   */
  async saveAutomatic(boardId: string, input: VersionInput): Promise<void> {
    try {
      await this.save(boardId, input)
    } catch (error) {
      this.logger.error({ err: error, boardId, reason: input.reason }, 'automatic board version failed')
      this.noteAutomaticFailure(boardId, input.reason, error)
    }
  }

  /** Hook of the phase route: the board as it was when the phase changed (not for a no-op). */
  async phaseChanged(boardId: string, from: string, to: string, by: string): Promise<void> {
    if (from === to) return
    await this.saveAutomatic(boardId, {
      reason: VersionReason.phase,
      name: `Phase changed to ${to}`,
      createdBy: by,
      detail: { phase: to, previousPhase: from },
    })
  }

  /** Hook of the round route: the board the participants are about to vote on. */
  async roundOpened(boardId: string, roundId: string, by: string): Promise<void> {
    await this.saveAutomatic(boardId, {
      reason: VersionReason.round,
      name: 'Voting round opened',
      createdBy: by,
      detail: { roundId },
    })
  }

  /** A version's content, migrated to this server's schema and validated; null when unknown. */
  async load(boardId: string, versionId: string): Promise<{ version: BoardVersionRow; content: BoardContent } | null> {
    const stored = await this.store.getVersion(boardId, versionId)
    if (!stored) return null
    let content: BoardContent
    try {
      content = decodeVersionState(stored.state)
    } catch (error) {
      throw new UnreadableVersionError(`The stored version cannot be read: ${(error as Error).message}`)
    }
    // The board's own past: what it held then comes back, even if a later limit would refuse it.
    const prepared = prepareImportedRecords(this.schema, content.schema, content.records, { limits: false })
    if (!prepared.ok) throw new UnreadableVersionError(`The version cannot be restored: ${prepared.reason}`)
    return {
      version: stored.version,
      content: { ...content, schema: this.schema.serialize(), records: prepared.records },
    }
  }

  /**
   * Makes the live board equal `versionId` again. Just before, in the same synchronous step, the
   * current content is read; it is saved as a "before restore" version, so restoring that one
   * undoes the restore. Should saving it fail, the board is put back and the error rethrown:
   * a restore never happens without its way back.
   */
  async restore(boardId: string, versionId: string, actorName: string): Promise<RestoreResult | null> {
    const target = await this.load(boardId, versionId)
    if (!target) return null
    const room = await this.rooms.open(boardId)
    try {
      let before!: BoardContent
      let changes!: ReturnType<typeof diffBoardContent>
      const applied = room.change((records, doc) => {
        before = readBoardContent(doc, records, this.schema.serialize())
        changes = diffBoardContent(before, target.content)
        applyBoardContentChanges(doc, records, changes)
      })
      if (isEmptyChange(changes)) {
        await applied
        return { restored: target.version, before: null, changes: 0 }
      }
      const saving = this.persist(boardId, before, {
        reason: VersionReason.restore,
        name: `Before restoring "${target.version.name}"`,
        createdBy: actorName,
        detail: restoredDetail(target.version),
      }).then(
        (version) => ({ ok: true as const, version }),
        (error: unknown) => ({ ok: false as const, error }),
      )
      await applied
      const saved = await saving
      if (!saved.ok) {
        await room.change((records, doc) =>
          applyBoardContentChanges(doc, records, diffBoardContent(readBoardContent(doc, records), before)),
        )
        throw saved.error
      }
      this.logger.info(
        { boardId, versionId, beforeVersionId: saved.version.id, changes: changeCount(changes) },
        'board version restored',
      )
      return { restored: target.version, before: saved.version, changes: changeCount(changes) }
    } finally {
      this.rooms.releaseIfIdle(room)
    }
  }

  private read(room: BoardRoom): BoardContent {
    return readBoardContent(room.doc, room.records, this.schema.serialize())
  }

  /** Called synchronously at the tick of the deletes: the room still shows the board after them. */
  private keepBeforeMassDelete(boardId: string, event: MassDelete): void {
    const room = this.rooms.getLoaded(boardId)
    if (!room) return
    const content = withRecordsRestored(this.read(room), event.deleted)
    const count = event.deleted.length
    this.persist(boardId, content, {
      reason: VersionReason.massDelete,
      name: `Before ${count} cards were deleted`,
      createdBy: event.by.join(', ') || null,
      detail: { deletedCards: count },
    }).then(
      (version) =>
        this.logger.info({ boardId, versionId: version.id, count }, 'kept the board from before a mass delete'),
      (error: unknown) => {
        this.logger.error({ err: error, boardId, count }, 'version before a mass delete failed')
        this.noteAutomaticFailure(boardId, VersionReason.massDelete, error)
      },
    )
  }

  private async persist(boardId: string, content: BoardContent, input: VersionInput): Promise<BoardVersionRow> {
    const version: BoardVersionRow = {
      id: generateId('ver'),
      boardId,
      name: input.name,
      reason: input.reason,
      createdAt: Date.now(),
      createdBy: input.createdBy,
      recordCount: content.records.length,
      detail: {
        ideas: content.records.filter(isIdeaCard).length,
        ...input.detail,
        ...(content.omittedRecords ? { omittedRecords: content.omittedRecords.length } : {}),
      },
    }
    if (content.omittedRecords) {
      this.logger.warn({ boardId, omitted: content.omittedRecords }, 'version left out records it cannot read')
    }
    await this.store.addVersion(version, encodeVersionState(content), this.keepAutomatic)
    this.failures.delete(boardId)
    return version
  }
}
