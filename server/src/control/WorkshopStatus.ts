import { tableNumbers, type WorkshopStatusResponse } from '@pinnwand/shared/controlApi'
import type { Logger } from 'pino'
import type { Facilitation } from '../facilitation/Facilitation.ts'
import type { Store } from '../store/Store.ts'
import type { PeoplePresent } from '../sync/roomPorts.ts'
import { effectiveStatus } from '../voting/votingRules.ts'
import type { VotingStore } from '../voting/VotingStore.ts'
import { doneContext, type TableFacts, tableStatus } from './tableStatus.ts'

/** How often the stream looks for changes: a second is live for a person watching a hall. */
const STREAM_TICK_MS = 1000

export interface StatusSources {
  store: Pick<Store, 'listBoards' | 'countSeats' | 'listSeated' | 'listDone'>
  timers: Pick<Facilitation, 'timerOf'>
  voting: Pick<VotingStore, 'listRounds' | 'tally' | 'ballots'>
  rooms: Pick<PeoplePresent, 'participantCounts'>
}

/**
 * Every table of a workshop as the control room shows it, read from the shared database and the
 * relay's participant counts: the same answer on every instance (REDIS_URL), whichever took the
 * votes or the phase changes.
 */
export async function loadWorkshopStatus(
  sources: StatusSources,
  workshopId: string,
  now = Date.now(),
): Promise<WorkshopStatusResponse> {
  const boards = await sources.store.listBoards(workshopId)
  const seats = await sources.store.countSeats(workshopId)
  const present = await sources.rooms.participantCounts(boards.map((b) => b.id))
  const numbers = tableNumbers(boards)
  const tables = []
  for (const board of boards) {
    const rounds = await sources.voting.listRounds(board.id)
    const latest = rounds.find((r) => effectiveStatus(r, now) === 'open') ?? rounds.at(-1)
    const round: TableFacts['round'] = latest
      ? {
          row: latest,
          status: effectiveStatus(latest, now),
          tally: await sources.voting.tally(latest.id),
          ballots: await sources.voting.ballots(latest.id),
        }
      : null
    const facts: TableFacts = {
      board,
      number: numbers.get(board.id) ?? null,
      present: present.get(board.id) ?? 0,
      seated: seats[board.id] ?? 0,
      round,
      ...(round && round.status === 'open' && !round.row.anonymous
        ? { seatedPeople: await sources.store.listSeated(board.id) }
        : {}),
      timer: await sources.timers.timerOf(board.id),
      doneSignals: await doneSignalsOf(sources, board, round),
    }
    tables.push(tableStatus(facts, now))
  }
  return { workshopId, serverNow: now, tables }
}

/** "Ich bin fertig" for what the table does now: collecting, or its open round. */
function doneSignalsOf(
  sources: StatusSources,
  board: { id: string; phase: string },
  round: TableFacts['round'],
): Promise<{ id: string; name: string }[]> {
  const context = doneContext(board.phase, round?.status === 'open' ? round.row.id : null)
  return context ? sources.store.listDone(board.id, context) : Promise.resolve([])
}

type Listener = (status: WorkshopStatusResponse) => void

/**
 * One reader per workshop however many dashboards watch it: each tick reads the status once and
 * hands it to every subscriber when something changed.
 */
export class WorkshopStatusHub {
  private readonly sources: StatusSources
  private readonly logger: Logger
  private readonly watched = new Map<
    string,
    { listeners: Set<Listener>; timer: NodeJS.Timeout; last: string; latest: WorkshopStatusResponse | null }
  >()

  constructor(sources: StatusSources, logger: Logger) {
    this.sources = sources
    this.logger = logger
  }

  /** Calls `listener` with the current status at once and after every change; returns the unsubscribe. */
  subscribe(workshopId: string, listener: Listener): () => void {
    let entry = this.watched.get(workshopId)
    if (!entry) {
      const created = {
        listeners: new Set<Listener>(),
        timer: setInterval(() => void this.tick(workshopId), STREAM_TICK_MS),
        last: '',
        latest: null,
      }
      created.timer.unref()
      this.watched.set(workshopId, (entry = created))
      void this.tick(workshopId)
    } else if (entry.latest) listener(entry.latest)
    entry.listeners.add(listener)
    return () => {
      const current = this.watched.get(workshopId)
      if (!current) return
      current.listeners.delete(listener)
      if (current.listeners.size === 0) {
        clearInterval(current.timer)
        this.watched.delete(workshopId)
      }
    }
  }

  /** Something changed here (a bulk action): read again now rather than at the next tick. */
  poke(workshopId: string): void {
    if (this.watched.has(workshopId)) void this.tick(workshopId)
  }

  get watchedCount(): number {
    return this.watched.size
  }

  stop(): void {
    for (const entry of this.watched.values()) clearInterval(entry.timer)
    this.watched.clear()
  }

  private readonly reading = new Set<string>()

  private async tick(workshopId: string): Promise<void> {
    if (this.reading.has(workshopId)) return
    this.reading.add(workshopId)
    try {
      const status = await loadWorkshopStatus(this.sources, workshopId)
      const entry = this.watched.get(workshopId)
      if (!entry) return
      // serverNow changes every tick; only a change of the tables is news.
      const key = JSON.stringify(status.tables)
      if (key === entry.last) return
      entry.last = key
      entry.latest = status
      for (const listener of entry.listeners) listener(status)
    } catch (error) {
      this.logger.warn({ err: error, workshopId }, 'workshop status could not be read')
    } finally {
      this.reading.delete(workshopId)
    }
  }
}
