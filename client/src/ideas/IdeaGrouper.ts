import { CLUSTER_TYPE, IDEA_CARD_TYPE } from '@pinnwand/shared/boardSchema'
import { groupIdeas, type IdeaGroup, type ListedIdea, type ShapeLike } from './groupIdeas.ts'

type CardProps = Omit<ListedIdea, 'id'>
const cardProps = (shape: ShapeLike) => shape.props as CardProps
const titleOf = (shape: ShapeLike) => (shape.props as { title: string }).title
const isListed = (shape: ShapeLike) => shape.type === IDEA_CARD_TYPE || shape.type === CLUSTER_TYPE

/** Whether the idea list would show a card differently (a move changes none of this). */
function listedChanged(before: ShapeLike, after: ShapeLike): boolean {
  if (before.parentId !== after.parentId) return true
  const a = cardProps(before)
  const b = cardProps(after)
  return a.text !== b.text || a.author !== b.author || a.authorId !== b.authorId || a.createdAt !== b.createdAt
}

const byAge = (a: ListedIdea, b: ListedIdea) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)

/**
 * {@link groupIdeas}, kept up to date from one board state to the next instead of recomputed.
 * In a plenary the crowd edits ten cards a second and drags many more; regrouping, sorting and
 * comparing every idea of the board for each of those kept a slow tablet busy. Records are
 * immutable, so an unchanged card is the same object as last time: a pass over the shapes is
 * a pointer comparison each, and only the groups whose cards changed are rebuilt. Groups that
 * did not change keep their identity (the list re-renders only what changed); a drag returns
 * the previous result itself. Adding, removing or renaming a cluster regroups everything (rare).
 */
export class IdeaGrouper {
  /** Cards and clusters of the last update, by id. */
  private readonly known = new Map<string, ShapeLike>()
  private groups: IdeaGroup[] = []
  /** The last result's groups by cluster id ('' for the ideas in no cluster). */
  private byKey = new Map<string, IdeaGroup>()

  /** The grouping of `shapes` (the board's current page), equal to `groupIdeas(shapes)`. */
  update(shapes: readonly ShapeLike[]): IdeaGroup[] {
    let regroup = false
    const changedCards: { before?: ShapeLike; after?: ShapeLike }[] = []
    let seen = 0
    for (const shape of shapes) {
      if (!isListed(shape)) continue
      seen++
      const before = this.known.get(shape.id)
      if (before === shape) continue
      this.known.set(shape.id, shape)
      if (shape.type === CLUSTER_TYPE || before?.type === CLUSTER_TYPE) {
        if (!before || before.type !== shape.type || titleOf(before) !== titleOf(shape)) regroup = true
      } else if (!before || listedChanged(before, shape)) changedCards.push({ before, after: shape })
    }
    if (seen !== this.known.size) {
      // Something was removed (or left the page): find it. Only then is a set of ids needed.
      const present = new Set(shapes.map((shape) => shape.id))
      for (const [id, before] of this.known) {
        if (present.has(id)) continue
        this.known.delete(id)
        if (before.type === CLUSTER_TYPE) regroup = true
        else changedCards.push({ before })
      }
    }
    if (regroup) return this.replace(groupIdeas([...this.known.values()]))
    if (changedCards.length === 0) return this.groups
    return this.replace(this.regroupCards(changedCards))
  }

  /** A card's group key: its cluster if that is one, else the ideas in no cluster. */
  private keyOf(card: ShapeLike): string {
    const group = this.byKey.get(card.parentId)
    return group?.cluster ? card.parentId : ''
  }

  /** The last result with the changed cards moved, updated or removed; clusters are as before. */
  private regroupCards(changes: readonly { before?: ShapeLike; after?: ShapeLike }[]): IdeaGroup[] {
    const touched = new Map<string, Map<string, ListedIdea>>()
    const ideasOf = (key: string) => {
      let ideas = touched.get(key)
      if (!ideas) {
        ideas = new Map((this.byKey.get(key)?.ideas ?? []).map((idea) => [idea.id, idea]))
        touched.set(key, ideas)
      }
      return ideas
    }
    for (const { before, after } of changes) {
      if (before) ideasOf(this.keyOf(before)).delete(before.id)
      if (!after) continue
      const { text, author, authorId, createdAt } = cardProps(after)
      if (text.trim() === '') continue
      ideasOf(this.keyOf(after)).set(after.id, { id: after.id, text, author, authorId, createdAt })
    }
    const rebuilt = (group: IdeaGroup, key: string): IdeaGroup => {
      const ideas = touched.get(key)
      return ideas ? { cluster: group.cluster, ideas: [...ideas.values()].sort(byAge) } : group
    }
    const clusters = this.groups.filter((group) => group.cluster).map((group) => rebuilt(group, group.cluster!.id))
    const loose = rebuilt(this.byKey.get('') ?? { cluster: null, ideas: [] }, '')
    return loose.ideas.length > 0 ? [...clusters, loose] : clusters
  }

  private replace(groups: IdeaGroup[]): IdeaGroup[] {
    this.groups = groups
    this.byKey = new Map(groups.map((group) => [group.cluster?.id ?? '', group]))
    return groups
  }
}
