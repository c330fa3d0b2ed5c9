import { IDEA_CARD_TYPE, ideaCardMigrations, ideaCardProps, type IdeaCardShape } from '@pinnwand/shared/boardSchema'
import { useTranslation } from 'react-i18next'
import {
  getColorValue,
  HTMLContainer,
  Rectangle2d,
  ShapeUtil,
  useColorMode,
  useEditor,
  useValue,
  type TLShapePartial,
} from 'tldraw'
import { IdeaCardLayout, measureIdeaCardHeight } from './ideaCardLayout.ts'
import { IdeaCardText } from './IdeaCardText.tsx'
import { ideaCardDecorations } from './ideaCardDecorations.ts'
import { useSession } from '../state/sessionStore.ts'
import { displayPersonName } from '../session/personName.ts'
import { readGatheredOrigin } from '../plenary/gatheredCards.ts'
import { GatheredOriginLine } from '../plenary/GatheredOriginLine.tsx'

/**
 * The idea card: a sticky note holding plain text, its author and a colour. Its height follows
 * its text, so a long idea never hides behind a fixed box.
 */
export class IdeaCardShapeUtil extends ShapeUtil<IdeaCardShape> {
  static override type = IDEA_CARD_TYPE
  static override props = ideaCardProps
  static override migrations = ideaCardMigrations

  getDefaultProps(): IdeaCardShape['props'] {
    return {
      w: IdeaCardLayout.width,
      h: IdeaCardLayout.minHeight,
      text: '',
      color: 'yellow',
      author: '',
      authorId: '',
      createdAt: 0,
    }
  }

  override canEdit() {
    return true
  }

  // Cards keep one readable size; only their height grows with the text.
  override hideResizeHandles() {
    return true
  }

  override canResize() {
    return false
  }

  // A card left empty is an accidental tap, not an idea; it would only clutter the board.
  override onEditEnd(shape: IdeaCardShape) {
    const current = this.editor.getShape<IdeaCardShape>(shape.id)
    if (current && current.props.text.trim() === '') this.editor.deleteShape(current.id)
  }

  override getText(shape: IdeaCardShape) {
    return shape.props.text
  }

  getGeometry(shape: IdeaCardShape) {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true })
  }

  override onBeforeCreate(next: IdeaCardShape) {
    return this.withFittedHeight(next)
  }

  override onBeforeUpdate(prev: IdeaCardShape, next: IdeaCardShape) {
    if (prev.props.text === next.props.text && prev.props.w === next.props.w) return
    return this.withFittedHeight(next)
  }

  component(shape: IdeaCardShape) {
    return <IdeaCardView shape={shape} />
  }

  override getIndicatorPath(shape: IdeaCardShape) {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }

  private withFittedHeight(shape: IdeaCardShape): IdeaCardShape | undefined {
    const h = measureIdeaCardHeight(this.editor, shape.props.text, shape.props.w)
    if (h === shape.props.h) return undefined
    return { ...shape, props: { ...shape.props, h } }
  }
}

function IdeaCardView({ shape }: { shape: IdeaCardShape }) {
  const editor = useEditor()
  const colorMode = useColorMode()
  const { color, w, h } = shape.props
  // A workshop may show ideas without names (a dashboard setting); the record keeps the author.
  const hideAuthors = useSession((state) => state.me?.hideAuthors ?? false)
  const { t } = useTranslation()
  const author = hideAuthors ? '' : displayPersonName(t, shape.props.author, shape.props.authorId)
  const origin = readGatheredOrigin(shape.meta)
  // Read the palette through the editor's theme so dark mode and custom themes apply.
  const theme = useValue('theme', () => editor.getCurrentTheme(), [editor])
  const colors = theme.colors[colorMode]
  return (
    <HTMLContainer
      className="pw-idea-card"
      data-testid="idea-card"
      style={{
        width: w,
        height: h,
        backgroundColor: getColorValue(colors, color, 'noteFill'),
        color: getColorValue(colors, color, 'noteText'),
        pointerEvents: 'all',
      }}
    >
      <IdeaCardText shape={shape} />
      {origin ? (
        // A gathered card on the plenary speaks for its table: table, rank and points, no author.
        <GatheredOriginLine origin={origin} fontSize={IdeaCardLayout.authorFontSize + 1} />
      ) : author ? (
        <div className="pw-idea-card__author" style={{ fontSize: IdeaCardLayout.authorFontSize }}>
          {author}
        </div>
      ) : null}
      {ideaCardDecorations.map((Decoration, index) => (
        <Decoration key={index} shape={shape} />
      ))}
    </HTMLContainer>
  )
}

export type IdeaCardPartial = TLShapePartial<IdeaCardShape>
