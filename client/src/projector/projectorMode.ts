import { type BoardProjectorSection, ProjectorMode } from '@pinnwand/shared/boardState'

const modes = new Set<string>(Object.values(ProjectorMode))

/** What the big screen shows now: a mode, and for results how many places (from the last) are out. */
export interface ProjectorShown {
  mode: ProjectorMode
  /** null: every place at once. */
  shownPlaces: number | null
}

export const BOARD_SHOWN: ProjectorShown = { mode: 'board', shownPlaces: null }

/** The board-state section, checked (a half-deployed server must not break the big screen). */
export function readProjectorSection(value: unknown): BoardProjectorSection | null {
  if (typeof value !== 'object' || value === null) return null
  const { mode, shownPlaces, at } = value as Record<string, unknown>
  if (typeof mode !== 'string' || !modes.has(mode) || typeof at !== 'number') return null
  const places =
    typeof shownPlaces === 'number' && Number.isInteger(shownPlaces) && shownPlaces >= 0 ? shownPlaces : null
  return { mode: mode as ProjectorMode, shownPlaces: places, at }
}

/**
 * Keys on the projector machine (someone at the beamer laptop, or a presenter remote): B board,
 * C countdown, R results, J join; in the results → / Space / PageDown shows the next place, ← /
 * PageUp takes it back, A shows all. Returns the new state, or null when the key means nothing.
 */
export function projectorKey(key: string, current: ProjectorShown, places: number): ProjectorShown | null {
  switch (key.toLowerCase()) {
    case 'b':
      return { mode: 'board', shownPlaces: null }
    case 'c':
      return { mode: 'countdown', shownPlaces: null }
    case 'j':
      return { mode: 'join', shownPlaces: null }
    case 'r':
      return { mode: 'results', shownPlaces: null }
    case 'a':
      return current.mode === 'results' ? { mode: 'results', shownPlaces: null } : null
    case 'arrowright':
    case ' ':
    case 'pagedown':
    case 'n': {
      if (current.mode !== 'results') return null
      // From "all" a step starts again from the last place.
      const shown = current.shownPlaces === null ? 1 : current.shownPlaces + 1
      return { mode: 'results', shownPlaces: shown >= places ? null : shown }
    }
    case 'arrowleft':
    case 'pageup': {
      if (current.mode !== 'results') return null
      const shown = current.shownPlaces === null ? places - 1 : current.shownPlaces - 1
      return { mode: 'results', shownPlaces: Math.max(0, shown) }
    }
    default:
      return null
  }
}
