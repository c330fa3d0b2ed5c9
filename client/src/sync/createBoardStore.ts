import { createTLStore, defaultBindingUtils, defaultShapeUtils, type TLStore } from 'tldraw'
import { ClusterShapeUtil } from '../shapes/ClusterShapeUtil.tsx'
import { IdeaCardShapeUtil } from '../shapes/IdeaCardShapeUtil.tsx'

/** Shape utils of a board; the same list goes to the store and to <Tldraw>. */
export const boardShapeUtils = [...defaultShapeUtils, IdeaCardShapeUtil, ClusterShapeUtil]
export const boardBindingUtils = defaultBindingUtils

/** A store whose schema equals the server's getBoardSchema() (checked by a unit test). */
export function createBoardStore(): TLStore {
  return createTLStore({ shapeUtils: boardShapeUtils, bindingUtils: boardBindingUtils })
}
