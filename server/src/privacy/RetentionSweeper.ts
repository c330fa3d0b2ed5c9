import type { Logger } from 'pino'
import type { Store } from '../store/Store.ts'
import { isDue } from '../domain/retention.ts'

/**
 * The server's schedule for retention: at start and then every `intervalMs`, every workshop
 * whose deletion day has come is deleted with everything in it (the same deletion as the
 * dashboard's button: boards, update logs, snapshots, history versions, uploads, votes,
 * participants, tokens). With several instances each sweeps; the first one deletes.
 */
export class RetentionSweeper {
  private timer: ReturnType<typeof setInterval> | null = null
  private running: Promise<string[]> | null = null
  private readonly deps: {
    store: Pick<Store, 'listRetentionCandidates' | 'reclaimDeletedData'>
    defaultDays: number
    intervalMs: number
    deleteWorkshop: (workshopId: string) => Promise<boolean>
    logger: Logger
  }

  constructor(deps: RetentionSweeper['deps']) {
    this.deps = deps
  }

  start(): void {
    if (this.deps.intervalMs <= 0) return
    void this.sweep()
    this.timer = setInterval(() => void this.sweep(), this.deps.intervalMs)
    this.timer.unref()
  }

  /** Deletes every workshop that is due; resolves with their ids. One sweep at a time. */
  sweep(now = Date.now()): Promise<string[]> {
    this.running ??= this.run(now).finally(() => (this.running = null))
    return this.running
  }

  private async run(now: number): Promise<string[]> {
    const deleted: string[] = []
    try {
      const due = (await this.deps.store.listRetentionCandidates()).filter((w) => isDue(w, this.deps.defaultDays, now))
      for (const workshop of due) {
        if (await this.deps.deleteWorkshop(workshop.id)) {
          deleted.push(workshop.id)
          this.deps.logger.info({ workshopId: workshop.id }, 'workshop deleted: retention period over')
        }
      }
      if (deleted.length > 0) await this.deps.store.reclaimDeletedData()
    } catch (error) {
      this.deps.logger.error({ err: error }, 'retention sweep failed; it runs again at the next interval')
    }
    return deleted
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
  }
}
