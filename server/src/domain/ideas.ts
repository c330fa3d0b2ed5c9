import { IDEA_CARD_TYPE, type IdeaCardShape, type IdeaDto } from '@pinnwand/shared'
import { createShapeId, type TLRecord, type TLShape } from '@tldraw/tlschema'
import { getIndexAbove } from '@tldraw/utils'
import type { Actor } from '../auth/Actor.ts'
import { DEFAULT_PAGE_ID } from './boardDocument.ts'
import { type Box, CARD_SIZE, findFreeSlot } from './placement.ts'

const isShape = (record: TLRecord): record is TLShape => record.typeName === 'shape'

export const isIdeaCard = (record: TLRecord): record is IdeaCardShape =>
  isShape(record) && record.type === IDEA_CARD_TYPE

/** Where cards may be placed: the top-level shapes on the page. */
function occupiedBoxes(records: readonly TLRecord[]): Box[] {
  return records
    .filter(isShape)
    .filter((shape) => shape.parentId === DEFAULT_PAGE_ID)
    .map((shape) => {
      const props = shape.props as { w?: number; h?: number }
      return { x: shape.x, y: shape.y, w: props.w ?? CARD_SIZE.w, h: props.h ?? CARD_SIZE.h }
    })
}

function topIndex(records: readonly TLRecord[]): string {
  let top: string | undefined
  for (const record of records) if (isShape(record) && (!top || record.index > top)) top = record.index
  return top ?? 'a0'
}

/** A new idea card record for `text`, placed in a free spot of the board. */
export function buildIdeaCard(
  records: readonly TLRecord[],
  text: string,
  author: Actor,
  now = Date.now(),
): IdeaCardShape {
  const position = findFreeSlot(occupiedBoxes(records))
  const lines = Math.max(1, Math.ceil(text.length / 28) + (text.match(/\n/g)?.length ?? 0))
  return {
    id: createShapeId(),
    typeName: 'shape',
    type: IDEA_CARD_TYPE,
    parentId: DEFAULT_PAGE_ID as never,
    index: getIndexAbove(topIndex(records) as never),
    x: position.x,
    y: position.y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: CARD_SIZE.w,
      h: Math.max(CARD_SIZE.h, 60 + lines * 26),
      text,
      color: 'yellow',
      author: author.name,
      authorId: author.userId,
      createdAt: now,
    },
  }
}

/** Ideas of a board as the API shows them, oldest first. */
export function listIdeas(records: readonly TLRecord[]): IdeaDto[] {
  return records
    .filter(isIdeaCard)
    .sort((a, b) => a.props.createdAt - b.props.createdAt || a.id.localeCompare(b.id))
    .map((card) => ({ id: card.id, text: card.props.text, clusterId: null, author: card.props.author }))
}
