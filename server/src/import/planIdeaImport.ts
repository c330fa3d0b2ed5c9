import { type ClusterShape, type IdeaCardShape } from '@pinnwand/shared'
import { clusterKey, type ImportedIdea } from '@pinnwand/shared/ideaImport'
import type { TLRecord } from '@tldraw/tlschema'
import type { Actor } from '../auth/Actor.ts'
import { buildCluster, buildIdeaCard, isCluster } from '../domain/ideas.ts'
import { CLUSTER_INSET } from '../domain/placement.ts'

/** Colours of clusters an import creates, in turn (tldraw colour names). */
const NEW_CLUSTER_COLORS = ['light-blue', 'light-green', 'light-violet', 'orange', 'light-red', 'yellow'] as const

export interface IdeaImportPlan {
  /** Records to write: new cards, new clusters, and clusters grown to hold their new cards. */
  records: TLRecord[]
  ideaIds: string[]
  clusters: { id: string; title: string; created: boolean }[]
}

/**
 * Where imported ideas go, decided without touching the board: each idea becomes a card, inside
 * its cluster when it names one (an existing cluster of the same name, spelling case and spacing
 * aside, or a new one), placed in free space like a card added through the API. Clusters are
 * filled one after another and grown to fit their cards before the next new cluster is placed,
 * so new clusters never overlap. Cards keep the import order (createdAt counts up from `now`).
 */
export function planIdeaImport(
  existing: readonly TLRecord[],
  ideas: readonly ImportedIdea[],
  author: Actor,
  now = Date.now(),
): IdeaImportPlan {
  const working: TLRecord[] = [...existing]
  const changed = new Map<string, TLRecord>()
  const write = (record: TLRecord) => {
    const at = working.findIndex((r) => r.id === record.id)
    if (at >= 0) working[at] = record
    else working.push(record)
    changed.set(record.id, record)
  }

  // Existing clusters by name; with two of the same name, the first in reading order wins.
  const byKey = new Map<string, ClusterShape>()
  for (const cluster of existing.filter(isCluster).sort((a, b) => a.y - b.y || a.x - b.x)) {
    const key = clusterKey(cluster.props.title)
    if (!byKey.has(key)) byKey.set(key, cluster)
  }

  const groups = new Map<string | null, { title: string | null; ideas: { idea: ImportedIdea; order: number }[] }>()
  ideas.forEach((idea, order) => {
    const key = idea.cluster === null ? null : clusterKey(idea.cluster)
    const group = groups.get(key) ?? { title: idea.cluster, ideas: [] }
    group.ideas.push({ idea, order })
    groups.set(key, group)
  })

  const cardIds: { id: string; order: number }[] = []
  const clusters: IdeaImportPlan['clusters'] = []
  let colorTurn = 0
  const place = (cluster: ClusterShape | null, entries: { idea: ImportedIdea; order: number }[]) => {
    for (const { idea, order } of entries) {
      const card = buildIdeaCard(working, idea.text, author, cluster, now + order)
      write(card)
      cardIds.push({ id: card.id, order })
    }
  }

  // Clustered ideas first, so the loose ones find the free space around the clusters.
  for (const [key, group] of groups) {
    if (key === null) continue
    let cluster = byKey.get(key) ?? null
    const created = cluster === null
    if (!cluster) {
      const color = NEW_CLUSTER_COLORS[colorTurn++ % NEW_CLUSTER_COLORS.length]!
      cluster = buildCluster(working, group.title ?? '', color, author)
      write(cluster)
      byKey.set(key, cluster)
    }
    place(cluster, group.ideas)
    const grown = grownToFit(cluster, working)
    if (grown !== cluster) write(grown)
    clusters.push({ id: cluster.id, title: cluster.props.title, created })
  }
  const loose = groups.get(null)
  if (loose) place(null, loose.ideas)

  return {
    records: [...changed.values()],
    ideaIds: cardIds.sort((a, b) => a.order - b.order).map((c) => c.id),
    clusters,
  }
}

/** The cluster, taller when its cards reach below its bottom edge (it never shrinks). */
function grownToFit(cluster: ClusterShape, records: readonly TLRecord[]): ClusterShape {
  let bottom = 0
  for (const record of records) {
    if (record.typeName !== 'shape' || record.parentId !== cluster.id) continue
    const h = (record as IdeaCardShape).props.h ?? 0
    bottom = Math.max(bottom, record.y + h)
  }
  const needed = Math.ceil(bottom + CLUSTER_INSET.bottom)
  return needed > cluster.props.h ? { ...cluster, props: { ...cluster.props, h: needed } } : cluster
}
