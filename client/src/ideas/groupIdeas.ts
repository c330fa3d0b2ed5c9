import { CLUSTER_TYPE, IDEA_CARD_TYPE, type ClusterShape, type IdeaCardShape } from '@pinnwand/shared/boardSchema'

export interface ListedIdea {
  id: string
  text: string
  author: string
  authorId: string
  createdAt: number
}

export interface IdeaGroup {
  /** null for ideas that are on the board but in no cluster. */
  cluster: { id: string; title: string } | null
  ideas: ListedIdea[]
}

export interface ShapeLike {
  id: string
  type: string
  parentId: string
  props: object
}

const isCard = (shape: ShapeLike): shape is ShapeLike & Pick<IdeaCardShape, 'props'> => shape.type === IDEA_CARD_TYPE
const isCluster = (shape: ShapeLike): shape is ShapeLike & Pick<ClusterShape, 'props'> => shape.type === CLUSTER_TYPE

/**
 * The board's ideas grouped by cluster — the idea list and the phone view show this. Clusters
 * in title order (a stable order that doesn't jump while someone drags), empty clusters too
 * (so you can add into them); ideas oldest first; ideas without a cluster last.
 */
export function groupIdeas(shapes: readonly ShapeLike[]): IdeaGroup[] {
  const clusters = new Map<string, IdeaGroup>()
  for (const shape of shapes) {
    if (isCluster(shape)) clusters.set(shape.id, { cluster: { id: shape.id, title: shape.props.title }, ideas: [] })
  }
  const loose: IdeaGroup = { cluster: null, ideas: [] }
  for (const shape of shapes) {
    if (!isCard(shape)) continue
    const { text, author, authorId, createdAt } = shape.props
    if (text.trim() === '') continue
    ;(clusters.get(shape.parentId) ?? loose).ideas.push({ id: shape.id, text, author, authorId, createdAt })
  }
  const byAge = (a: ListedIdea, b: ListedIdea) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)
  const groups = [...clusters.values()].sort(
    (a, b) =>
      (a.cluster?.title ?? '').localeCompare(b.cluster?.title ?? '') ||
      (a.cluster?.id ?? '').localeCompare(b.cluster?.id ?? ''),
  )
  for (const group of [...groups, loose]) group.ideas.sort(byAge)
  return loose.ideas.length > 0 ? [...groups, loose] : groups
}

/** Case- and accent-insensitive, so "uber" finds "Über" and "cafe" finds "Café". */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase()
}

/** Groups whose title or ideas match every word of the query; a matching cluster keeps all its ideas. */
export function filterIdeas(groups: readonly IdeaGroup[], query: string): IdeaGroup[] {
  const words = normalizeForSearch(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...groups]
  const matches = (text: string) => {
    const normalized = normalizeForSearch(text)
    return words.every((word) => normalized.includes(word))
  }
  return groups.flatMap((group) => {
    if (group.cluster && matches(group.cluster.title)) return [group]
    const ideas = group.ideas.filter((idea) => matches(`${idea.text} ${idea.author}`))
    return ideas.length > 0 ? [{ ...group, ideas }] : []
  })
}
