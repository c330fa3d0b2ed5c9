import {
  CLUSTER_TYPE,
  clusterMigrations,
  clusterProps,
  IDEA_CARD_TYPE,
  type ClusterShape,
} from '@pinnwand/shared/boardSchema'
import {
  BaseFrameLikeShapeUtil,
  getColorValue,
  Group2d,
  HTMLContainer,
  Rectangle2d,
  useColorMode,
  useEditor,
  useValue,
  type Geometry2d,
  type TLShape,
  type TLShapePartial,
} from 'tldraw'
import { canEditShapeIn } from '../board/permissions.ts'
import { settleDroppedCards, useClusterRename } from '../clusters/clusterActions.ts'

/**
 * A cluster (Themengruppe): a named, coloured area. Idea cards dragged into it become its
 * children, so moving the cluster moves its cards, and exports and voting scopes read cluster
 * membership from the card's parent.
 */
export class ClusterShapeUtil extends BaseFrameLikeShapeUtil<ClusterShape> {
  static override type = CLUSTER_TYPE
  static override props = clusterProps
  static override migrations = clusterMigrations

  override getDefaultProps(): ClusterShape['props'] {
    return { w: 720, h: 480, title: '', color: 'light-blue' }
  }

  // Only idea cards are members; drawings and arrows stay on the page above it.
  override canReceiveNewChildrenOfType(shape: ClusterShape, type: TLShape['type']) {
    return type === IDEA_CARD_TYPE && !shape.isLocked
  }

  // Cards may hang over the edge while being arranged; clipping them would hide text.
  override getClipPath() {
    return undefined
  }

  override getText(shape: ClusterShape) {
    return shape.props.title
  }

  /**
   * tldraw's frames can only be picked by a label above them; a click on their title, edge or
   * empty inside goes to the canvas (and a double-click made a text shape). Here the whole area
   * is the cluster's "label", which tldraw hit-tests before the frame body, so a click or tap
   * anywhere on the cluster that is not on one of its cards selects it. The label is left out
   * of the bounds, snapping and erasing; the outline is what the cluster is.
   */
  override getGeometry(shape: ClusterShape): Geometry2d {
    const { w, h } = shape.props
    return new Group2d({
      children: [
        new Rectangle2d({ width: w, height: h, isFilled: false }),
        // Not filled: tldraw starts editing a selected shape's label when its filled area is
        // clicked again, and a cluster has no text editor (the press would hang). Hit-testing
        // for selection only asks whether the point is within the label's bounds.
        new Rectangle2d({ width: w, height: h, isFilled: false, isLabel: true, excludeFromShapeBounds: true }),
      ],
    })
  }

  // A turned cluster is unreadable and its cards no longer line up (guardShapeChanges refuses
  // rotation from any other path).
  override hideRotateHandle() {
    return true
  }

  // Only whoever may change the cluster gets handles to resize it (the server refuses the rest).
  override canResize(shape: ClusterShape) {
    return canEditShapeIn(this.editor, shape)
  }

  override hideResizeHandles(shape: ClusterShape) {
    return !canEditShapeIn(this.editor, shape)
  }

  // Resizing the cluster makes room; it must not stretch the cards inside.
  override canResizeChildren() {
    return false
  }

  // Dropped cards take the nearest free slots; the cluster grows and others make way.
  override onDropShapesOver(shape: ClusterShape, shapes: TLShape[]) {
    settleDroppedCards(this.editor, shape.id, shapes)
  }

  /** A double-click or double-tap opens the title field in the cluster toolbar. */
  override onDoubleClick(shape: ClusterShape): TLShapePartial<ClusterShape> {
    this.editor.select(shape.id)
    if (canEditShapeIn(this.editor, shape)) useClusterRename.getState().request(shape.id)
    // Something to return tells tldraw the double-click is handled; otherwise it would put an
    // empty text shape on the cluster. The partial changes nothing.
    return { id: shape.id, type: shape.type }
  }

  component(shape: ClusterShape) {
    return <ClusterView shape={shape} />
  }

  override getIndicatorPath(shape: ClusterShape) {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }
}

function ClusterView({ shape }: { shape: ClusterShape }) {
  const editor = useEditor()
  const colorMode = useColorMode()
  const theme = useValue('theme', () => editor.getCurrentTheme(), [editor])
  const colors = theme.colors[colorMode]
  const stroke = getColorValue(colors, shape.props.color, 'solid')
  const fill = getColorValue(colors, shape.props.color, 'semi')
  return (
    <HTMLContainer
      style={{
        width: shape.props.w,
        height: shape.props.h,
        border: `3px solid ${stroke}`,
        borderRadius: 12,
        background: fill,
        pointerEvents: 'all',
      }}
    >
      <div
        style={{
          padding: '8px 14px',
          font: '700 28px/1.2 system-ui, sans-serif',
          color: '#1d1d1d',
          overflow: 'hidden',
          whiteSpace: 'nowrap',
          textOverflow: 'ellipsis',
        }}
      >
        {shape.props.title}
      </div>
    </HTMLContainer>
  )
}
