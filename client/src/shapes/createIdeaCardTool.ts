import { IDEA_CARD_TYPE, type IdeaCardShape } from '@pinnwand/shared/boardSchema'
import { createShapeId, StateNode, type TLDefaultColorStyle, type TLStateNodeConstructor } from 'tldraw'
import { IdeaCardLayout } from './ideaCardLayout.ts'

export interface IdeaCardAuthor {
  name: string
  userId: string
}

export const IDEA_CARD_TOOL_ID = 'idea-card' as const
const DEFAULT_CARD_COLOR: TLDefaultColorStyle = 'yellow'

/**
 * The "add idea card" tool: a tap or click places a card centred on the pointer and opens it
 * for typing. The author is read when the card is created, so a renamed user signs new cards
 * with the new name.
 */
export function createIdeaCardTool(getAuthor: () => IdeaCardAuthor): TLStateNodeConstructor {
  return class IdeaCardTool extends StateNode {
    static override id = IDEA_CARD_TOOL_ID

    override onEnter() {
      this.editor.setCursor({ type: 'cross', rotation: 0 })
    }

    // On pointer up, not down: the browser moves focus to the canvas after pointerdown, which
    // would steal it back from the card's textarea and send the first keystrokes to shortcuts.
    override onPointerUp() {
      const point = this.editor.inputs.getCurrentPagePoint()
      const author = getAuthor()
      const id = createShapeId()
      this.editor.markHistoryStoppingPoint(`create-idea-card:${id}`)
      this.editor.createShape<IdeaCardShape>({
        id,
        type: IDEA_CARD_TYPE,
        x: point.x - IdeaCardLayout.width / 2,
        y: point.y - IdeaCardLayout.minHeight / 2,
        props: {
          w: IdeaCardLayout.width,
          h: IdeaCardLayout.minHeight,
          text: '',
          color: DEFAULT_CARD_COLOR,
          author: author.name,
          authorId: author.userId,
          createdAt: Date.now(),
        },
      })
      const shape = this.editor.getShape(id)
      if (!shape) return
      this.editor.select(id)
      this.editor.setEditingShape(shape)
      this.editor.setCurrentTool('select.editing_shape', { target: 'shape', shape })
    }

    override onCancel() {
      this.editor.setCurrentTool('select')
    }
  }
}
