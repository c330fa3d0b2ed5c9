import { type Box, CARD_GAP, CARD_SIZE, columnsIn, overlaps, type Size } from './geometry.ts'

const GAP = CARD_GAP
const COLUMNS = 6
const DEFAULT_AREA: Box = { x: 0, y: 0, w: COLUMNS * (CARD_SIZE.w + GAP), h: Infinity }
/** Slots tried before giving up on the grid; far more than a board holds. */
const MAX_SLOTS = 20_000

function slotBox(area: Box, columns: number, cell: Size, size: Size, slot: number): Box {
  return {
    x: area.x + (slot % columns) * (cell.w + GAP),
    y: area.y + Math.floor(slot / columns) * (cell.h + GAP),
    w: size.w,
    h: size.h,
  }
}

const isFree = (occupied: readonly Box[], candidate: Box) => !occupied.some((box) => overlaps(box, candidate, GAP / 2))

/**
 * First free slot for a new box in a grid, in reading order (row by row), inside `area`, or
 * below all content when a bounded area is full. The grid's pitch is `cell` (a card's minimum
 * size by default), so a taller card takes a slot where the rows below it are free too; a slot
 * counts as free when nothing comes closer than half a gap. Pure, so the rules are testable.
 */
export function findFreeSlot(
  occupied: readonly Box[],
  area: Box = DEFAULT_AREA,
  size: Size = CARD_SIZE,
  cell: Size = size,
): { x: number; y: number } {
  const columns = columnsIn(area.w, cell.w)
  for (let slot = 0; slot < MAX_SLOTS; slot++) {
    const candidate = slotBox(area, columns, cell, size, slot)
    if (candidate.y + size.h > area.y + area.h) break
    if (isFree(occupied, candidate)) return { x: candidate.x, y: candidate.y }
  }
  const bottom = occupied.reduce((max, box) => Math.max(max, box.y + box.h), area.y)
  return { x: area.x, y: bottom + GAP }
}

/**
 * The free grid slot nearest to `point` (where a card was dropped, in the area's coordinates).
 * Slots inside `area` come first; only when none is free does the card take the nearest slot
 * in the rows below it (the area grows). Ties go to the earlier slot in reading order, so the
 * result is the same on every device.
 */
export function nearestFreeSlot(
  occupied: readonly Box[],
  area: Box,
  point: { x: number; y: number },
  size: Size = CARD_SIZE,
  cell: Size = CARD_SIZE,
): { x: number; y: number } {
  const columns = columnsIn(area.w, cell.w)
  const occupiedBottom = occupied.reduce((max, box) => Math.max(max, box.y + box.h), area.y)
  const reach = Math.max(Number.isFinite(area.h) ? area.y + area.h : area.y, occupiedBottom) + size.h + GAP
  let best: { slot: Box; outside: boolean; distance: number } | null = null
  for (let slot = 0; slot < MAX_SLOTS; slot++) {
    const candidate = slotBox(area, columns, cell, size, slot)
    if (candidate.y > reach) break
    if (!isFree(occupied, candidate)) continue
    const outside = candidate.y + size.h > area.y + area.h
    const distance = Math.hypot(candidate.x + size.w / 2 - point.x, candidate.y + size.h / 2 - point.y)
    if (!best || (best.outside && !outside) || (best.outside === outside && distance < best.distance)) {
      best = { slot: candidate, outside, distance }
    }
  }
  return best ? { x: best.slot.x, y: best.slot.y } : findFreeSlot(occupied, { ...area, h: Infinity }, size, cell)
}
