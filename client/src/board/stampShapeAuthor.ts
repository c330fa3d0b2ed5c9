import { type Editor, type TLShape } from 'tldraw'
import { IDEA_CARD_TYPE } from '@pinnwand/shared/boardSchema'

/**
 * Every shape a person creates carries its author, so the server can let participants edit
 * and delete only their own drawings (idea cards carry the author in their props already).
 * Shapes without it are refused by the server for participants.
 */
export function stampShapeAuthor(editor: Editor, userId: string): () => void {
  return editor.sideEffects.registerBeforeCreateHandler('shape', (shape: TLShape) => {
    if (shape.type === IDEA_CARD_TYPE || typeof shape.meta.createdBy === 'string') return shape
    return { ...shape, meta: { ...shape.meta, createdBy: userId } }
  })
}
