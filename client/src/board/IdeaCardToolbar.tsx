import {
  DefaultToolbar,
  DefaultToolbarContent,
  TldrawUiMenuItem,
  useIsToolSelected,
  useTools,
  type TLUiOverrides,
} from 'tldraw'
import i18next from 'i18next'
import { IDEA_CARD_TOOL_ID } from '../shapes/createIdeaCardTool.ts'

/** Registers the idea card tool with tldraw's UI (label, icon, shortcut "i"). */
export const ideaCardUiOverrides: TLUiOverrides = {
  tools(editor, tools) {
    tools[IDEA_CARD_TOOL_ID] = {
      id: IDEA_CARD_TOOL_ID,
      icon: 'tool-note',
      label: i18next.t('board.ideaCardTool'),
      kbd: 'i',
      onSelect: () => editor.setCurrentTool(IDEA_CARD_TOOL_ID),
    }
    return tools
  },
}

/** tldraw's toolbar with the idea card first: it is what most participants need. */
export function IdeaCardToolbar() {
  const tools = useTools()
  const ideaTool = tools[IDEA_CARD_TOOL_ID]
  const isSelected = useIsToolSelected(ideaTool)
  return (
    <DefaultToolbar>
      {ideaTool ? <TldrawUiMenuItem {...ideaTool} isSelected={isSelected} /> : null}
      <DefaultToolbarContent />
    </DefaultToolbar>
  )
}
