import { type IdeaCardShape, Limits } from '@pinnwand/shared'
import { MERGED_EXCERPT_MAX, type MergedIdea, mergedIdeasOf } from '@pinnwand/shared/mergeIdeasApi'
import type { TLRecord } from '@tldraw/tlschema'
import { cardHeightFor, isIdeaCard } from './ideas.ts'

export type MergePlan =
  | { ok: true; survivor: IdeaCardShape; removed: IdeaCardShape[]; authors: string[] }
  | { ok: false; problem: 'unknown_idea'; ideaId: string }
  | { ok: false; problem: 'too_few' }
  | { ok: false; problem: 'text_too_long'; length: number }

const asMerged = (card: IdeaCardShape): MergedIdea => ({
  id: card.id,
  text: card.props.text.slice(0, MERGED_EXCERPT_MAX),
  author: card.props.author,
  authorId: card.props.authorId,
  createdAt: card.props.createdAt,
})

/**
 * "Doppelte zusammenführen" (issue 13): the first card stays, the others are merged into it and
 * go. Its text is `text`, or the distinct texts joined one per paragraph in the order given (a
 * pile of identical duplicates keeps one). Every merged idea — author, text, time, and what had
 * been merged into it before — is kept in the survivor's `meta.mergedFrom`, so the card shows
 * all its authors and the report says which ideas it stands for. Who may do it is the record
 * policy's question (deleting and editing the cards), asked by the caller. Pure.
 */
export function planMerge(
  records: ReadonlyMap<string, TLRecord>,
  ideaIds: readonly string[],
  text?: string,
): MergePlan {
  const ids = [...new Set(ideaIds)]
  if (ids.length < 2) return { ok: false, problem: 'too_few' }
  const cards: IdeaCardShape[] = []
  for (const id of ids) {
    const record = records.get(id)
    if (!record || !isIdeaCard(record)) return { ok: false, problem: 'unknown_idea', ideaId: id }
    cards.push(record)
  }
  const [survivor, ...removed] = cards as [IdeaCardShape, ...IdeaCardShape[]]
  const distinct = [...new Set(cards.map((card) => card.props.text.trim()))]
  const merged = text?.trim() ?? distinct.join('\n\n')
  if (merged.length > Limits.ideaTextMax) return { ok: false, problem: 'text_too_long', length: merged.length }
  const mergedFrom = [
    ...mergedIdeasOf(survivor.meta),
    ...removed.flatMap((card) => [...mergedIdeasOf(card.meta), asMerged(card)]),
  ]
  const authors = [...new Set([survivor.props.author, ...mergedFrom.map((idea) => idea.author)])]
  return {
    ok: true,
    survivor: {
      ...survivor,
      meta: { ...survivor.meta, mergedFrom } as unknown as IdeaCardShape['meta'],
      props: { ...survivor.props, text: merged, h: Math.max(survivor.props.h, cardHeightFor(merged)) },
    },
    removed,
    authors,
  }
}
