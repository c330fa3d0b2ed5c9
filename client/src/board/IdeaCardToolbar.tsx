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
import { createCluster } from '../clusters/clusterActions.ts'

export const NEW_CLUSTER_ACTION_ID = 'pw-new-cluster'

/** Who is creating a cluster; set by the board when it mounts (the overrides are static). */
let clusterAuthor: string | null = null
export function setClusterAuthor(userId: string | null): void {
  clusterAuthor = userId
}

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
    // tldraw's own sticky note looks like an idea card but has no author and no place in
    // exports or voting: the idea card replaces it.
    delete tools['note']
    // Not a drawing tool: one tap puts a named, empty cluster into free space in view.
    tools[NEW_CLUSTER_ACTION_ID] = {
      id: NEW_CLUSTER_ACTION_ID,
      icon: 'tool-frame',
      label: i18next.t('clusters.new'),
      onSelect: () => {
        if (!clusterAuthor || editor.getInstanceState().isReadonly) return
        createCluster(editor, i18next.t('clusters.newTitle'), clusterAuthor)
        editor.setCurrentTool('select')
      },
    }
    return tools
  },
}

/** tldraw's toolbar with the idea card first: it is what most participants need. */
export function IdeaCardToolbar() {
  const tools = useTools()
  const ideaTool = tools[IDEA_CARD_TOOL_ID]
  const clusterAction = tools[NEW_CLUSTER_ACTION_ID]
  const isSelected = useIsToolSelected(ideaTool)
  return (
    <DefaultToolbar>
      {ideaTool ? <TldrawUiMenuItem {...ideaTool} isSelected={isSelected} /> : null}
      {clusterAction ? <TldrawUiMenuItem {...clusterAction} isSelected={false} /> : null}
      <DefaultToolbarContent />
    </DefaultToolbar>
  )
}
