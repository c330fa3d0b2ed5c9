import {
  ArrowToolbarItem,
  DefaultToolbar,
  DefaultToolbarContent,
  DrawToolbarItem,
  EraserToolbarItem,
  HandToolbarItem,
  SelectToolbarItem,
  TextToolbarItem,
  TldrawUiMenuItem,
  useEditor,
  useIsToolSelected,
  useTools,
  type TLUiOverrides,
} from 'tldraw'
import { useEffect } from 'react'
import type { Me } from '../api/apiClient.ts'
import { useIsModerated } from '../moderation/useModeration.ts'
import { usePrivatePhaseSection } from '../privatePhase/usePrivatePhase.ts'
import { IDEA_CARD_TOOL_ID } from '../shapes/createIdeaCardTool.ts'
import { ideaToolHeldBack } from '../ideas/heldBack/installHeldBackCards.ts'
import { useBoardContext } from './BoardContext.ts'
import { CLUSTER_TOOL_ID } from './createClusterTool.ts'
import { tldrawTranslations, ToolLabelKey } from './tldrawTranslations.ts'

/**
 * Registers the board's own tools with tldraw's UI and takes away what a role has no use for.
 * Everyone: the idea card tool (shortcut "i") instead of tldraw's sticky note, which has no
 * author and no place in exports or voting. Facilitation: the cluster tool. Participants: no
 * media upload and no embeds (nothing in the workshop asks for them, and they fill the board
 * with things the report cannot show).
 */
export function boardUiOverrides(role: Me['role']): TLUiOverrides {
  return {
    // Tool labels are translation keys, so they follow a language switch like tldraw's own.
    translations: tldrawTranslations(),
    tools(editor, tools) {
      tools[IDEA_CARD_TOOL_ID] = {
        id: IDEA_CARD_TOOL_ID,
        icon: 'tool-note',
        label: ToolLabelKey.ideaCard,
        kbd: 'i',
        onSelect: () => {
          // While new cards are held back, "i" and the button lead to the "add idea" field.
          if (ideaToolHeldBack(editor)) return
          editor.setCurrentTool(IDEA_CARD_TOOL_ID)
        },
      }
      delete tools['note']
      // An embed is an outside page in an iframe on every screen: refused by the server for everyone.
      delete tools['embed']
      if (role === 'facilitator') {
        tools[CLUSTER_TOOL_ID] = {
          id: CLUSTER_TOOL_ID,
          icon: 'tool-frame',
          label: ToolLabelKey.cluster,
          onSelect: () => editor.setCurrentTool(CLUSTER_TOOL_ID),
        }
      } else {
        delete tools['asset']
      }
      return tools
    },
    actions(_editor, actions) {
      delete actions['insert-embed']
      if (role !== 'facilitator') delete actions['insert-media']
      return actions
    },
  }
}

/**
 * A participant's new cards are held back (Stilles Sammeln, the moderation inbox): the server
 * refuses a card placed on the canvas, so the idea card tool goes and the "add idea" field is the
 * way to write; a tool still selected falls back to selecting.
 */
function useCardsHeldBack(): boolean {
  const editor = useEditor()
  const { me } = useBoardContext()
  const moderated = useIsModerated()
  const privatePhase = usePrivatePhaseSection() !== null
  const heldBack = me.role === 'participant' && (moderated || privatePhase)
  useEffect(() => {
    if (heldBack && editor.getCurrentToolId() === IDEA_CARD_TOOL_ID) editor.setCurrentTool('select')
  }, [heldBack, editor])
  return heldBack
}

function ToolItem({ id }: { id: string }) {
  const tools = useTools()
  const tool = tools[id]
  const isSelected = useIsToolSelected(tool)
  return tool ? <TldrawUiMenuItem {...tool} isSelected={isSelected} /> : null
}

/**
 * The toolbar by role. Participants get what they use in a workshop — idea card, select, hand,
 * pen, arrow, text, eraser — and nothing to look for among twenty shapes; facilitation keeps
 * tldraw's full set, with the idea card and the cluster tool first.
 */
export function IdeaCardToolbar() {
  const { me } = useBoardContext()
  const heldBack = useCardsHeldBack()
  if (me.role !== 'facilitator') {
    return (
      <DefaultToolbar>
        {heldBack ? null : <ToolItem id={IDEA_CARD_TOOL_ID} />}
        <SelectToolbarItem />
        <HandToolbarItem />
        <DrawToolbarItem />
        <ArrowToolbarItem />
        <TextToolbarItem />
        <EraserToolbarItem />
      </DefaultToolbar>
    )
  }
  return (
    <DefaultToolbar>
      <ToolItem id={IDEA_CARD_TOOL_ID} />
      <ToolItem id={CLUSTER_TOOL_ID} />
      <DefaultToolbarContent />
    </DefaultToolbar>
  )
}
