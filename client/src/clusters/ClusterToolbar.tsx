import { CLUSTER_TYPE, type ClusterShape } from '@pinnwand/shared/boardSchema'
import { Limits } from '@pinnwand/shared/limits'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getColorValue, useEditor, useValue } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { canEditShape } from '../board/permissions.ts'
import { useToolbarLeft } from '../ui/useToolbarLeft.ts'
import { clusterColors, tidyCluster, useClusterRename } from './clusterActions.ts'

/**
 * Above a selected cluster: rename it, pick its colour, tidy its cards. Only for people who may
 * change the cluster (facilitation, or whoever made it) — others would have the change reverted.
 */
export function ClusterToolbar() {
  const editor = useEditor()
  const { me } = useBoardContext()
  const cluster = useValue(
    'selected cluster',
    () => {
      const shape = editor.getOnlySelectedShape()
      if (shape?.type !== CLUSTER_TYPE || editor.getInstanceState().isReadonly) return null
      if (!editor.isIn('select.idle')) return null
      return canEditShape(me, shape) ? (shape as ClusterShape) : null
    },
    [editor, me],
  )
  const anchor = useValue(
    'cluster toolbar anchor',
    () => {
      const bounds = cluster ? editor.getSelectionScreenBounds() : undefined
      return bounds ? { x: bounds.x, y: bounds.y, w: bounds.w } : null
    },
    [editor, cluster?.id],
  )
  if (!cluster || !anchor) return null
  return <ClusterToolbarBody key={cluster.id} cluster={cluster} anchor={anchor} />
}

function ClusterToolbarBody({
  cluster,
  anchor,
}: {
  cluster: ClusterShape
  anchor: { x: number; y: number; w: number }
}) {
  const { t } = useTranslation()
  const editor = useEditor()
  const id = useId()
  const [title, setTitle] = useState(cluster.props.title)
  const input = useRef<HTMLInputElement>(null)
  const renameRequested = useClusterRename((state) => state.clusterId === cluster.id)

  // Follow renames by others while this field is not being edited.
  useEffect(() => {
    if (document.activeElement !== input.current) setTitle(cluster.props.title)
  }, [cluster.props.title])

  useEffect(() => {
    if (!renameRequested) return
    const focus = () => {
      input.current?.focus()
      input.current?.select()
    }
    // Asked by a double-click or double-tap: the browser moves the focus to the canvas when that
    // press ends (on touch, with the mouse events it sends after the tap), so the field takes it
    // after the pointer is up, and once more if the tap's aftermath took it away again.
    const timers: number[] = []
    const onUp = () => {
      timers.push(window.setTimeout(focus, 0))
      timers.push(
        window.setTimeout(() => {
          const field = input.current
          if (field && document.activeElement !== field) {
            // Back at the end of what was typed: a bare focus() put the caret at the start, and
            // the next letter landed in front ("tMobilitä").
            field.focus()
            field.setSelectionRange(field.value.length, field.value.length)
          }
          useClusterRename.getState().request(null)
        }, 350),
      )
    }
    if (editor.inputs.getIsPointing()) window.addEventListener('pointerup', onUp, { once: true })
    else onUp()
    return () => {
      window.removeEventListener('pointerup', onUp)
      timers.forEach((timer) => window.clearTimeout(timer))
    }
  }, [renameRequested, editor])

  const saveTitle = () => {
    const next = title.trim().slice(0, Limits.titleMax)
    if (next === cluster.props.title) return
    editor.markHistoryStoppingPoint(`rename:${cluster.id}`)
    editor.updateShape<ClusterShape>({ id: cluster.id, type: CLUSTER_TYPE, props: { title: next } })
  }
  const colors = editor.getCurrentTheme().colors.light
  const [toolbar, left] = useToolbarLeft(anchor.x)

  return (
    <div
      ref={toolbar}
      className="pw-cluster-toolbar"
      data-testid="cluster-toolbar"
      role="toolbar"
      aria-label={t('clusters.toolbar')}
      style={{ left, top: Math.max(56, anchor.y - 64) }}
      onPointerDown={(event) => event.stopPropagation()}
      onKeyDown={(event) => event.stopPropagation()}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          saveTitle()
          input.current?.blur()
        }}
      >
        <label className="pw-visually-hidden" htmlFor={`${id}-title`}>
          {t('clusters.title')}
        </label>
        <input
          ref={input}
          id={`${id}-title`}
          className="pw-input pw-cluster-toolbar__title"
          data-testid="cluster-title"
          value={title}
          maxLength={Limits.titleMax}
          onChange={(event) => setTitle(event.target.value)}
          onBlur={saveTitle}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setTitle(cluster.props.title)
              event.currentTarget.blur()
            }
          }}
        />
      </form>
      <div className="pw-cluster-toolbar__colors" role="group" aria-label={t('clusters.color')}>
        {clusterColors.map((color) => (
          <button
            key={color}
            type="button"
            className="pw-cluster-toolbar__color"
            aria-label={t(`clusters.colors.${color}`)}
            aria-pressed={cluster.props.color === color}
            style={{
              background: getColorValue(colors, color, 'semi'),
              borderColor: getColorValue(colors, color, 'solid'),
            }}
            onClick={() => {
              editor.markHistoryStoppingPoint(`color:${cluster.id}`)
              editor.updateShape<ClusterShape>({ id: cluster.id, type: CLUSTER_TYPE, props: { color } })
            }}
          />
        ))}
      </div>
      <button
        type="button"
        className="pw-button pw-button--secondary"
        data-testid="cluster-tidy"
        onClick={() => tidyCluster(editor, cluster.id)}
      >
        {t('clusters.tidy')}
      </button>
    </div>
  )
}
