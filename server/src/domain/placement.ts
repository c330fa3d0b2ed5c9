import type { TLRecord, TLShape } from '@tldraw/tlschema'
import { CARD_SIZE, type PlacedShape } from '@pinnwand/shared/placement'

// Placement rules are shared with the web app: a card posted through the API lands where one
// posted from any device would (shared/src/placement.ts).
export * from '@pinnwand/shared/placement'

/**
 * A board's shapes as the placement rules see them. Shapes without a size in their props (text,
 * drawings) count as one card, as the server cannot measure them.
 */
export function placedShapes(records: readonly TLRecord[]): PlacedShape[] {
  return records.flatMap((record) => {
    if (record.typeName !== 'shape') return []
    const shape = record as TLShape
    const props = shape.props as { w?: number; h?: number }
    const role = (shape.meta as { role?: unknown }).role
    return [
      {
        id: shape.id,
        type: shape.type,
        parentId: shape.parentId,
        x: shape.x,
        y: shape.y,
        w: props.w ?? CARD_SIZE.w,
        h: props.h ?? CARD_SIZE.h,
        ...(typeof role === 'string' ? { role } : {}),
      },
    ]
  })
}
