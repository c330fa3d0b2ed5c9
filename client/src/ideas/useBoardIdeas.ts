import { computed, useEditor, useValue, type Computed, type Editor } from 'tldraw'
import type { IdeaGroup } from './groupIdeas.ts'
import { IdeaGrouper } from './IdeaGrouper.ts'

/** One grouping per editor, shared by the idea list, the card toolbar and the voting panels. */
const perEditor = new WeakMap<Editor, Computed<IdeaGroup[]>>()

/**
 * The board's ideas grouped by cluster, as a signal. Updated incrementally ({@link IdeaGrouper}):
 * a drag changes nothing here, a remote edit rebuilds only its card's group.
 */
export function boardIdeasOf(editor: Editor): Computed<IdeaGroup[]> {
  let ideas = perEditor.get(editor)
  if (!ideas) {
    const grouper = new IdeaGrouper()
    ideas = computed('board ideas', () => grouper.update(editor.getCurrentPageShapes()))
    perEditor.set(editor, ideas)
  }
  return ideas
}

/**
 * The board's ideas grouped by cluster, live. The result keeps its identity until something
 * the list shows changes, and groups that did not change keep theirs.
 */
export function useBoardIdeas(): IdeaGroup[] {
  return useValue(boardIdeasOf(useEditor()))
}
