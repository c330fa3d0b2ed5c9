import { useTranslation } from 'react-i18next'
import { useEditor, type TLShapeId } from 'tldraw'
import { moveCardToCluster } from '../clusters/clusterActions.ts'
import { useAnnouncer } from './announcer.ts'
import './cardToolbar.css'

/**
 * "Zu Themengruppe verschieben…": a native select (one tap opens the phone's own picker, arrows
 * and Enter work on a keyboard) that moves the card into the chosen cluster's next free slot —
 * the way to sort cards without dragging (WCAG 2.5.7).
 */
export function MoveToClusterSelect({
  cardId,
  currentClusterId,
  clusters,
  label,
  placeholder,
  className = '',
}: {
  cardId: string
  currentClusterId: string | null
  clusters: readonly { id: string; title: string }[]
  /** Accessible name (says which card). */
  label: string
  /** What the closed select shows. */
  placeholder: string
  className?: string
}) {
  const { t } = useTranslation()
  const editor = useEditor()
  const announce = useAnnouncer()
  const targets = clusters.filter((cluster) => cluster.id !== currentClusterId)
  if (targets.length === 0) return null
  return (
    <select
      className={`pw-move-to-cluster ${className}`}
      data-testid="move-to-cluster"
      aria-label={label}
      value=""
      onChange={(event) => {
        const target = targets.find((cluster) => cluster.id === event.target.value)
        if (!target) return
        moveCardToCluster(editor, cardId as TLShapeId, target.id as TLShapeId)
        announce(t('ideas.movedToCluster', { cluster: target.title || t('clusters.untitled') }))
      }}
      onKeyDown={(event) => event.stopPropagation()}
      onPointerDown={(event) => event.stopPropagation()}
    >
      <option value="" disabled hidden>
        {placeholder}
      </option>
      {targets.map((cluster) => (
        <option key={cluster.id} value={cluster.id}>
          {cluster.title || t('clusters.untitled')}
        </option>
      ))}
    </select>
  )
}
