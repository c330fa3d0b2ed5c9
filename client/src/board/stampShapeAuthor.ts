import { type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { IDEA_CARD_TYPE, type IdeaCardShape } from '@pinnwand/shared/boardSchema'

/**
 * Every shape a person creates carries its author, so the server can let participants edit
 * and delete only their own drawings (idea cards carry the author in their props). A copy —
 * duplicated, pasted, Alt-dragged — is a new shape by the person who made it: it carries her
 * id and name, not those of the original's author, which the server would refuse ("a new
 * shape must carry its author") and the copy would vanish without a word. A shape brought
 * back by undoing one's own delete keeps its author: it is the same shape again.
 */
export function stampShapeAuthor(editor: Editor, me: { userId: string; name: string }): () => void {
  const deletedHere = new Set<TLShapeId>()
  const stopDeletes = editor.sideEffects.registerAfterDeleteHandler('shape', (shape, source) => {
    if (source === 'user') deletedHere.add(shape.id)
  })
  const stopCreates = editor.sideEffects.registerBeforeCreateHandler('shape', (shape: TLShape, source) => {
    if (source !== 'user' || deletedHere.has(shape.id)) return shape
    if (shape.type === IDEA_CARD_TYPE) {
      const card = shape as IdeaCardShape
      if (card.props.authorId === me.userId && card.props.author === me.name) return shape
      return { ...card, props: { ...card.props, authorId: me.userId, author: me.name } } as TLShape
    }
    if (shape.meta.createdBy === me.userId) return shape
    return { ...shape, meta: { ...shape.meta, createdBy: me.userId } }
  })
  return () => {
    stopDeletes()
    stopCreates()
  }
}
