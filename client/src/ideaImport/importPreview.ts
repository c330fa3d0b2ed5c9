import { clusterKey, type IdeaImportParse, type ImportedIdea } from '@pinnwand/shared/ideaImport'

export interface ImportPreview {
  ideas: ImportedIdea[]
  /** Cluster names the import will create, in order of appearance. */
  newClusters: string[]
  /** Clusters already on the board that get ideas. */
  existingClusters: string[]
  isNewCluster(name: string | null): boolean
}

/**
 * What an import will do to this board: the server matches cluster names the same way
 * (`clusterKey`), so the preview says which clusters are new before anything is created.
 */
export function previewImport(
  parsed: Extract<IdeaImportParse, { ok: true }>,
  boardClusterTitles: readonly string[],
): ImportPreview {
  const onBoard = new Map(boardClusterTitles.map((title) => [clusterKey(title), title]))
  const fresh = new Map<string, string>()
  const existing = new Map<string, string>()
  for (const idea of parsed.ideas) {
    if (idea.cluster === null) continue
    const key = clusterKey(idea.cluster)
    const known = onBoard.get(key)
    if (known !== undefined) existing.set(key, known)
    else if (!fresh.has(key)) fresh.set(key, idea.cluster)
  }
  return {
    ideas: parsed.ideas,
    newClusters: [...fresh.values()],
    existingClusters: [...existing.values()],
    isNewCluster: (name) => name !== null && fresh.has(clusterKey(name)),
  }
}
