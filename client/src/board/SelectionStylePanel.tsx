import { CLUSTER_TYPE } from '@pinnwand/shared/boardSchema'
import { DefaultStylePanel, type TLUiStylePanelProps, useEditor, useValue } from 'tldraw'

/**
 * tldraw's style panel (colour, fill, size) only while it has something to act on: shapes are
 * selected or a drawing tool is active. A participant who only posts and sorts ideas does not
 * get a drawing palette covering a quarter of a tablet's board. Clusters have their colour in
 * the cluster toolbar: with only clusters selected, a second palette would be one too many.
 */
export function SelectionStylePanel(props: TLUiStylePanelProps) {
  const editor = useEditor()
  const relevant = useValue(
    'style panel relevant',
    () => {
      if (editor.getCurrentToolId() !== 'select') return true
      const selected = editor.getSelectedShapes()
      return selected.length > 0 && !selected.every((shape) => shape.type === CLUSTER_TYPE)
    },
    [editor],
  )
  return relevant ? <DefaultStylePanel {...props} /> : null
}
