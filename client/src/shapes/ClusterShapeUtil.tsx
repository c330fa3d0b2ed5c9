import { CLUSTER_TYPE, clusterMigrations, clusterProps, IDEA_CARD_TYPE, type ClusterShape } from '@pinnwand/shared/boardSchema'
import {
  BaseFrameLikeShapeUtil,
  getColorValue,
  HTMLContainer,
  useColorMode,
  useEditor,
  useValue,
  type TLShape,
} from 'tldraw'
import { settleDroppedCards } from '../clusters/clusterActions.ts'

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
  // Dropped cards take the nearest free slots; the cluster grows and others make way.
  override onDropShapesOver(shape: ClusterShape, shapes: TLShape[]) {
    settleDroppedCards(this.editor, shape.id, shapes)
  }

  override getClipPath() {
    return undefined
  }

  override getText(shape: ClusterShape) {
    return shape.props.title
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
