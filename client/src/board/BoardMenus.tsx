import {
  ArrangeMenuSubmenu,
  ConversionsMenuGroup,
  CopyMenuItem,
  DefaultContextMenu,
  DefaultQuickActions,
  EditMenuSubmenu,
  PasteMenuItem,
  ReorderMenuSubmenu,
  SelectAllMenuItem,
  TldrawUiMenuActionItem,
  TldrawUiMenuGroup,
  useCanRedo,
  useCanUndo,
  useEditor,
  useValue,
  type TLUiContextMenuProps,
} from 'tldraw'
import { canEditShapeIn } from './permissions.ts'

/** Whether this person may delete everything selected (a participant: only what she made). */
function useSelectionDeletable(): boolean {
  const editor = useEditor()
  return useValue(
    'selection deletable',
    () => editor.getSelectedShapes().every((shape) => canEditShapeIn(editor, shape)),
    [editor],
  )
}

/**
 * tldraw's quick actions without "delete" and "duplicate" while the selection holds something
 * this person may not delete — a participant who selected the facilitator's cluster is not
 * offered what would be refused (guardShapeChanges refuses the keyboard shortcut).
 */
export function BoardQuickActions() {
  const deletable = useSelectionDeletable()
  const canUndo = useCanUndo()
  const canRedo = useCanRedo()
  if (deletable) return <DefaultQuickActions />
  return (
    <DefaultQuickActions>
      <TldrawUiMenuActionItem actionId="undo" disabled={!canUndo} />
      <TldrawUiMenuActionItem actionId="redo" disabled={!canRedo} />
    </DefaultQuickActions>
  )
}

/** tldraw's context menu; without cut and delete for a selection this person may not delete. */
export function BoardContextMenu(props: TLUiContextMenuProps) {
  const deletable = useSelectionDeletable()
  if (deletable) return <DefaultContextMenu {...props} />
  return (
    <DefaultContextMenu {...props}>
      <TldrawUiMenuGroup id="modify">
        <EditMenuSubmenu />
        <ArrangeMenuSubmenu />
        <ReorderMenuSubmenu />
      </TldrawUiMenuGroup>
      <TldrawUiMenuGroup id="clipboard">
        <CopyMenuItem />
        <PasteMenuItem />
      </TldrawUiMenuGroup>
      <ConversionsMenuGroup />
      <TldrawUiMenuGroup id="select-all">
        <SelectAllMenuItem />
      </TldrawUiMenuGroup>
    </DefaultContextMenu>
  )
}
