import { useRef } from 'react'
import { useEditor, useValue } from 'tldraw'
import { groupIdeas, ideasSignature, type IdeaGroup } from './groupIdeas.ts'

/**
 * The board's ideas grouped by cluster, live. Dragging a card changes its record every frame;
 * the result keeps its identity until something the list shows changes, so the list does not
 * re-render while people drag.
 */
export function useBoardIdeas(): IdeaGroup[] {
  const editor = useEditor()
  const last = useRef<{ signature: string; groups: IdeaGroup[] } | null>(null)
  return useValue(
    'board ideas',
    () => {
      const groups = groupIdeas(editor.getCurrentPageShapes())
      const signature = ideasSignature(groups)
      if (last.current?.signature === signature) return last.current.groups
      last.current = { signature, groups }
      return groups
    },
    [editor],
  )
}
