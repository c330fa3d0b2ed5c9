import { boardKindOf, currentRecords } from '@pinnwand/shared'
import type { TLSchema } from '@tldraw/tlschema'
import type { Logger } from 'pino'
import type { BoardRow, Store } from '../store/Store.ts'
import type { RoomAccess } from '../sync/roomPorts.ts'
import { validateRecord } from '../sync/recordPolicy.ts'
import { loadBoardIdeas } from '../voting/boardIdeas.ts'
import { type BoardIdea, roundResults } from '../voting/roundView.ts'
import type { VotingStore } from '../voting/VotingStore.ts'
import { planPlenaryShortlist, type ShortlistedIdea } from './plenaryLayout.ts'
import type { ShortlistEntry, ShortlistStore } from './ShortlistStore.ts'

export interface PlenaryGathererDeps {
  store: Pick<Store, 'listBoards'>
  shortlists: ShortlistStore
  /** The rounds ideas were promoted from: their rank there travels with them. */
  rounds: Pick<VotingStore, 'getRound' | 'tally'>
  rooms: RoomAccess
  schema: TLSchema
  logger: Logger
}

const isPlenary = (board: BoardRow) => boardKindOf(board) === 'plenary'

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
    if (isPlenary(source)) return
    const boards = await this.deps.store.listBoards(source.workshopId)
    const plenaries = boards.filter(isPlenary)
    if (plenaries.length === 0) return
    const tables = boards.filter((b) => !isPlenary(b))
    const table = {
      boardId: source.id,
      title: source.title,
      slot: Math.max(
        0,
        tables.findIndex((b) => b.id === source.id),
      ),
    }
    const entries = await this.deps.shortlists.getShortlist(source.id)
    const boardIdeas = (await loadBoardIdeas(this.deps.rooms, source.id)).ideas
    const cards = new Map(boardIdeas.map((i) => [i.id, i]))
    const ranks = await this.ranksIn(entries, boardIdeas)
    const ideas: ShortlistedIdea[] = entries.map((entry) => {
      const card = cards.get(entry.ideaId)
      return {
        ideaId: entry.ideaId,
        text: card?.text ?? entry.text,
        color: (card?.color ?? 'yellow') as ShortlistedIdea['color'],
        votes: entry.votes,
        rank: entry.roundId ? (ranks.get(entry.roundId)?.get(entry.ideaId) ?? null) : null,
      }
    })
    for (const plenary of plenaries) await this.write(plenary.id, table, ideas, ownerId)
  }

  /** Rank of each promoted idea in the round it was promoted from (round id → idea id → rank). */
  private async ranksIn(entries: readonly ShortlistEntry[], ideas: readonly BoardIdea[]) {
    const ranks = new Map<string, Map<string, number>>()
    const roundIds = new Set(entries.map((e) => e.roundId).filter((id): id is string => id !== null))
    for (const roundId of roundIds) {
      const round = await this.deps.rounds.getRound(roundId)
      if (!round) continue
      const results = roundResults(round, await this.deps.rounds.tally(roundId), ideas, Date.now())
      ranks.set(roundId, new Map(results.ranking.map((r) => [r.ideaId, r.rank])))
    }
    return ranks
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
