/**
 * What the workshop projector (one screen for the whole event) shows, as its link says it:
 * `?show=table&board=<id>` one table, `?show=cycle&seconds=30` every table in turn,
 * `?show=plenary` the plenary; no `show`: the screen asks which table. The link carries the plan
 * so the projector machine needs nobody at its keyboard, and a reload keeps it. Pure.
 */
export type WorkshopProjectorPlan =
  { show: 'table'; boardId: string } | { show: 'cycle'; seconds: number } | { show: 'plenary' }

export const CYCLE_SECONDS = { min: 10, max: 600, default: 30 } as const

export function parsePlan(params: URLSearchParams): WorkshopProjectorPlan | null {
  const show = params.get('show')
  if (show === 'plenary') return { show }
  if (show === 'table') {
    const boardId = params.get('board')
    return boardId ? { show, boardId } : null
  }
  if (show === 'cycle') {
    const seconds = Number(params.get('seconds'))
    // A hand-edited link with a silly interval still cycles, at the nearest sensible pace.
    const valid = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : CYCLE_SECONDS.default
    return { show, seconds: Math.min(CYCLE_SECONDS.max, Math.max(CYCLE_SECONDS.min, valid)) }
  }
  return null
}

export function projectorLink(origin: string, workshopId: string, token: string, plan: WorkshopProjectorPlan): string {
  const params = new URLSearchParams({ token, show: plan.show })
  if (plan.show === 'table') params.set('board', plan.boardId)
  if (plan.show === 'cycle') params.set('seconds', String(plan.seconds))
  return `${origin}/w/${encodeURIComponent(workshopId)}/projector?${params.toString()}`
}

/** The table shown `elapsedMs` after the cycle started: each stays `seconds`, then the next. */
export function cycleIndex(tables: number, seconds: number, elapsedMs: number): number {
  if (tables <= 0) return 0
  return Math.floor(Math.max(0, elapsedMs) / (seconds * 1000)) % tables
}
