import { CLUSTER_TYPE } from '@pinnwand/shared/boardSchema'
import { useTranslation } from 'react-i18next'
import { useEditor, useValue } from 'tldraw'
import { useToolbarLeft } from '../ui/useToolbarLeft.ts'
import { MergeIdeasToolbar } from './MergeIdeasToolbar.tsx'
import { isIdeaCardShape } from './placeNewIdea.ts'
import { MoveToClusterSelect } from './MoveToClusterSelect.tsx'
import { useBoardIdeas } from './useBoardIdeas.ts'

/**
 * Above a selected idea card: "Zu Themengruppe verschieben…". Anyone who may write may move any
 * card (the server allows moving others' cards), so it shows for participants too. Above two or
 * more selected cards: "Doppelte zusammenführen" (MergeIdeasToolbar).
 */
export function CardToolbar() {
  const { t } = useTranslation()
  const editor = useEditor()
  const several = useValue(
    'selected cards',
    () => {
      if (editor.getInstanceState().isReadonly || !editor.isIn('select.idle')) return null
      const shapes = editor.getSelectedShapes()
      return shapes.length >= 2 && shapes.every(isIdeaCardShape) ? shapes : null
    },
    [editor],
  )
  const card = useValue(
    'selected card',
    () => {
      const shape = editor.getOnlySelectedShape() ?? undefined
      if (!isIdeaCardShape(shape) || editor.getInstanceState().isReadonly) return null
      return editor.isIn('select.idle') ? shape : null
    },
    [editor],
  )
  const anchor = useValue(
    'card toolbar anchor',
    () => {
      const bounds = card || several ? editor.getSelectionScreenBounds() : undefined
      return bounds ? { x: bounds.x, y: bounds.y } : null
    },
    [editor, card?.id, several?.length],
  )
  const clusters = useBoardIdeas().flatMap((group) => (group.cluster ? [group.cluster] : []))
  const [toolbar, left] = useToolbarLeft(anchor?.x ?? 0)
  if (several && anchor) return <MergeIdeasToolbar cards={several} anchor={anchor} />
  if (!card || !anchor || clusters.length === 0) return null
  const excerpt = card.props.text.slice(0, 80)
  return (
    <div
      ref={toolbar}
      className="pw-card-toolbar"
      data-testid="card-toolbar"
      role="toolbar"
      aria-label={t('ideas.cardToolbar')}
      style={{ left, top: Math.max(56, anchor.y - 56) }}
      onPointerDown={(event) => event.stopPropagation()}
    >
      <MoveToClusterSelect
        cardId={card.id}
        currentClusterId={editor.getShape(card.parentId)?.type === CLUSTER_TYPE ? card.parentId : null}
        clusters={clusters}
        label={t('ideas.moveToClusterFor', { text: excerpt })}
        placeholder={t('ideas.moveToCluster')}
      />
    </div>
  )
}
