import { IDEA_CARD_TYPE } from '@pinnwand/shared/boardSchema'
import { useMemo } from 'react'
import { type Editor, useValue } from 'tldraw'
import { type GatheredTable, gatheredTables } from '../plenary/gatheredCards.ts'

/**
 * The tables' shortlists gathered onto this board (the plenary), live from the document; empty on
 * any other board. The key string keeps the list stable while unrelated records change.
 */
export function useGatheredTables(editor: Editor): GatheredTable[] {
  const key = useValue(
    'gathered shortlists',
    () => {
      const cards = editor
        .getCurrentPageShapes()
        .filter((shape) => shape.type === IDEA_CARD_TYPE)
        .map((shape) => ({ id: shape.id, meta: shape.meta, props: { text: (shape.props as { text: string }).text } }))
      return JSON.stringify(gatheredTables(cards))
    },
    [editor],
  )
  return useMemo(() => JSON.parse(key) as GatheredTable[], [key])
}
