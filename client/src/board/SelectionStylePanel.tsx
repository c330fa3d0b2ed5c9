import { DefaultStylePanel, type TLUiStylePanelProps, useEditor, useValue } from 'tldraw'

/**
 * tldraw's style panel (colour, fill, size) only while it has something to act on: shapes are
 * selected or a drawing tool is active. A participant who only posts and sorts ideas does not
 * get a drawing palette covering a quarter of a tablet's board.
 */
export function SelectionStylePanel(props: TLUiStylePanelProps) {
  const editor = useEditor()
  const relevant = useValue(
    'style panel relevant',
    () => editor.getSelectedShapeIds().length > 0 || editor.getCurrentToolId() !== 'select',
    [editor],
  )
  return relevant ? <DefaultStylePanel {...props} /> : null
}
