import { currentRecords } from '@pinnwand/shared'
import type { TLSchema } from '@tldraw/tlschema'
import type { Logger } from 'pino'
import type { BoardRow, Store } from '../store/Store.ts'
import type { RoomManager } from '../sync/RoomManager.ts'
import { validateRecord } from '../sync/recordPolicy.ts'
import { loadBoardIdeas } from '../voting/boardIdeas.ts'
import { planPlenaryShortlist, type ShortlistedIdea } from './plenaryLayout.ts'
import type { ShortlistStore } from './ShortlistStore.ts'

/** The template of a workshop's plenary board (server/src/domain/templates.ts). */
export const PLENARY_TEMPLATE = 'plenum'

export interface PlenaryGathererDeps {
  store: Pick<Store, 'listBoards'>
  shortlists: ShortlistStore
  rooms: RoomManager
  schema: TLSchema
  logger: Logger
}

/**
 * Keeps every plenary board of a workshop showing each table's shortlist, live: after a table's
 * shortlist changed, its cards on the plenary boards are rewritten through the plenary's room,
 * so everyone who has the plenary open sees them arrive (and leave) at once. The plenary's own
 * shortlist is not gathered into itself.
 */
export class PlenaryGatherer {
  private readonly deps: PlenaryGathererDeps

  constructor(deps: PlenaryGathererDeps) {
    this.deps = deps
  }

  /** Writes `source`'s current shortlist into the workshop's plenary boards. */
  async gather(source: BoardRow, ownerId: string): Promise<void> {
    if (source.template === PLENARY_TEMPLATE) return
    const boards = await this.deps.store.listBoards(source.workshopId)
    const plenaries = boards.filter((b) => b.template === PLENARY_TEMPLATE)
    if (plenaries.length === 0) return
    const tables = boards.filter((b) => b.template !== PLENARY_TEMPLATE)
    const table = {
      boardId: source.id,
      title: source.title,
      slot: Math.max(
        0,
        tables.findIndex((b) => b.id === source.id),
      ),
    }
    const entries = await this.deps.shortlists.getShortlist(source.id)
    const cards = new Map((await loadBoardIdeas(this.deps.rooms, source.id)).ideas.map((i) => [i.id, i]))
    const ideas: ShortlistedIdea[] = entries.map((entry) => {
      const card = cards.get(entry.ideaId)
      return {
        ideaId: entry.ideaId,
        text: card?.text ?? entry.text,
        author: card?.author ?? '',
        color: (card?.color ?? 'yellow') as ShortlistedIdea['color'],
        votes: entry.votes,
      }
    })
    for (const plenary of plenaries) await this.write(plenary.id, table, ideas, ownerId)
  }

  private async write(
    plenaryId: string,
    table: Parameters<typeof planPlenaryShortlist>[0],
    ideas: ShortlistedIdea[],
    ownerId: string,
  ) {
    const room = await this.deps.rooms.open(plenaryId)
    try {
      await room.change((records) => {
        const plan = planPlenaryShortlist(table, ideas, currentRecords(records), ownerId, Date.now())
        for (const record of plan.put) {
          const problem = validateRecord(record.id, record, records.get(record.id), this.deps.schema)
          if (problem) throw new Error(`plenary record ${record.id} is invalid: ${problem}`)
        }
        for (const id of plan.remove) records.delete(id)
        for (const record of plan.put) records.set(record.id, record)
      })
      this.deps.logger.info(
        { plenaryId, sourceBoardId: table.boardId, ideas: ideas.length },
        'shortlist gathered into plenary',
      )
    } finally {
      this.deps.rooms.releaseIfIdle(room)
    }
  }
}
