import type { BoardViewSection } from '@pinnwand/shared/boardState'

/** What this client remembers about views the facilitator shared. */
export interface FollowMemory {
  /** The board state has been seen once (a summon from before we came is not for us). */
  seenState: boolean
  /** `since` of the "follow me" this client left by panning, zooming or dragging. */
  leftSince: number | null
  /** `at` of the latest "bring everyone" already handled. */
  handledSummonAt: number | null
}

export const initialFollowMemory: FollowMemory = { seenState: false, leftSince: null, handledSummonAt: null }

export interface SharedViews {
  follow?: BoardViewSection | null
  summon?: BoardViewSection | null
}

export type ViewCommand =
  | { kind: 'none' }
  /** Keep the camera on this view (and on every later move of it). */
  | { kind: 'follow'; view: BoardViewSection }
  /** Jump there once; the person is free to move on. */
  | { kind: 'jump'; view: BoardViewSection }

export interface Viewer {
  userId: string
  /** The projector follows but is never "brought" anywhere: without "follow me" it shows the whole board. */
  role: string
}

/** The facilitator's own devices never follow themselves; everyone else may. */
const fromSomeoneElse = (view: BoardViewSection | null | undefined, viewer: Viewer): view is BoardViewSection =>
  !!view && view.userId !== viewer.userId

/** Whether this client is following the shared view right now. */
export function isFollowing(views: SharedViews, viewer: Viewer, memory: FollowMemory): boolean {
  return fromSomeoneElse(views.follow, viewer) && views.follow.since !== memory.leftSince
}

/**
 * What to do with the camera after a board-state message, and what to remember. Pure, so the
 * rules (late joiners, leaving, coming back) are tested without a browser.
 */
export function decideView(
  views: SharedViews,
  viewer: Viewer,
  memory: FollowMemory,
): { command: ViewCommand; memory: FollowMemory } {
  const summon = views.summon
  let next: FollowMemory = { ...memory, seenState: true }
  let jump: BoardViewSection | null = null
  if (summon && summon.at !== memory.handledSummonAt) {
    next = { ...next, handledSummonAt: summon.at }
    // Only a summon that arrives while we are here moves us; one from before we came does not.
    if (memory.seenState && fromSomeoneElse(summon, viewer) && viewer.role !== 'projector') jump = summon
  }
  // A new "follow me" (a new `since`) catches those who left an earlier one, too.
  if (views.follow && memory.leftSince !== null && views.follow.since !== memory.leftSince)
    next = { ...next, leftSince: null }
  if (!views.follow && memory.leftSince !== null) next = { ...next, leftSince: null }
  if (isFollowing(views, viewer, next)) return { command: { kind: 'follow', view: views.follow! }, memory: next }
  return { command: jump ? { kind: 'jump', view: jump } : { kind: 'none' }, memory: next }
}

/** The person panned, zoomed or dragged: they stop following this "follow me" (until the next one). */
export function leaveFollowing(views: SharedViews, memory: FollowMemory): FollowMemory {
  return views.follow ? { ...memory, leftSince: views.follow.since } : memory
}

/** "Follow again" from the chip. */
export function rejoinFollowing(memory: FollowMemory): FollowMemory {
  return { ...memory, leftSince: null }
}

/** The subset of tldraw's input events this logic looks at. */
export interface InputEvent {
  type: string
  name: string
}

/**
 * Input that means "I want to look elsewhere": the mouse wheel or trackpad, a pinch, or a drag
 * (panning the canvas, moving a card, drawing a selection). A plain tap or click does not count,
 * so a participant can place a dot on a card while following.
 */
export function isLeavingInteraction(event: InputEvent, isDragging: boolean): boolean {
  if (event.type === 'wheel') return true
  if (event.type === 'pinch') return event.name === 'pinch_start'
  return event.type === 'pointer' && event.name === 'pointer_move' && isDragging
}
