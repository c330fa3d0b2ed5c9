import { type BoardProjectorSection, ProjectorMode } from '@pinnwand/shared/boardState'

const modes = new Set<string>(Object.values(ProjectorMode))

/**
 * What the big screen shows now: a mode; for results how many places (from the last) are out and
 * which page, when the ranking needs several; for the walkthrough which table.
 */
export interface ProjectorShown {
  mode: ProjectorMode
  /** null: every place at once. */
  shownPlaces: number | null
  /** Walkthrough: the table on screen (0-based). */
  step: number
  /** Results in pages: the page someone turned to (0-based); null: the pages take turns by themselves. */
  page: number | null
}

export const BOARD_SHOWN: ProjectorShown = { mode: 'board', shownPlaces: null, step: 0, page: null }

const shownAs = (mode: ProjectorMode, patch: Partial<ProjectorShown> = {}): ProjectorShown => ({
  ...BOARD_SHOWN,
  mode,
  ...patch,
})

/** The board-state section, checked (a half-deployed server must not break the big screen). */
export function readProjectorSection(value: unknown): BoardProjectorSection | null {
  if (typeof value !== 'object' || value === null) return null
  const { mode, shownPlaces, at, step } = value as Record<string, unknown>
  if (typeof mode !== 'string' || !modes.has(mode) || typeof at !== 'number') return null
  const places =
    typeof shownPlaces === 'number' && Number.isInteger(shownPlaces) && shownPlaces >= 0 ? shownPlaces : null
  const section: BoardProjectorSection = { mode: mode as ProjectorMode, shownPlaces: places, at }
  if (typeof step === 'number' && Number.isInteger(step) && step >= 0) section.step = step
  return section
}

/** What the screen has that keys step through. */
export interface ProjectorContext {
  /** Places of the ranking on screen. */
  places: number
  /** Pages the ranking needs, and the one on screen now (0-based). */
  pages: number
  shownPage: number
  /** Tables in the walkthrough. */
  tables: number
}

const NEXT = new Set(['arrowright', ' ', 'pagedown', 'n'])
const PREVIOUS = new Set(['arrowleft', 'pageup', 'p'])

/**
 * Keys on the projector machine (someone at the beamer laptop, or a presenter remote): B board,
 * C countdown, R results, J join, W walkthrough. In the results → / Space / PageDown shows the
 * next place and ← / PageUp takes it back, A shows all; with all shown and the ranking in pages
 * the same keys turn the pages. In the walkthrough they go to the next or previous table.
 * Returns the new state, or null when the key means nothing.
 */
export function projectorKey(key: string, current: ProjectorShown, ctx: ProjectorContext): ProjectorShown | null {
  const k = key.toLowerCase()
  switch (k) {
    case 'b':
    case 'c':
    case 'j':
    case 'r':
    case 'w':
      return shownAs(({ b: 'board', c: 'countdown', j: 'join', r: 'results', w: 'walkthrough' } as const)[k])
    case 'a':
      return current.mode === 'results' ? shownAs('results') : null
  }
  const next = NEXT.has(k)
  if (!next && !PREVIOUS.has(k)) return null
  if (current.mode === 'walkthrough') {
    if (ctx.tables <= 1) return null
    const step = Math.min(ctx.tables - 1, Math.max(0, current.step + (next ? 1 : -1)))
    return step === current.step ? null : { ...current, step }
  }
  if (current.mode !== 'results') return null
  if (current.shownPlaces === null && ctx.pages > 1) {
    const page = Math.min(ctx.pages - 1, Math.max(0, ctx.shownPage + (next ? 1 : -1)))
    return { ...current, page }
  }
  if (next) {
    // From "all" a step starts again from the last place.
    const shown = current.shownPlaces === null ? 1 : current.shownPlaces + 1
    return { ...current, shownPlaces: shown >= ctx.places ? null : shown, page: null }
  }
  if (k === 'p') return null
  const shown = current.shownPlaces === null ? ctx.places - 1 : current.shownPlaces - 1
  return { ...current, shownPlaces: Math.max(0, shown), page: null }
}
