/** Our server's Prometheus metrics (/metrics, docs/operations.md), as far as the bench reads them. */
export type Metrics = Map<string, number>

export async function scrapeMetrics(baseUrl: string): Promise<Metrics | null> {
  try {
    const res = await fetch(`${baseUrl}/metrics`)
    if (!res.ok) return null
    const metrics: Metrics = new Map()
    for (const line of (await res.text()).split('\n')) {
      if (!line || line.startsWith('#')) continue
      const space = line.lastIndexOf(' ')
      metrics.set(line.slice(0, space), Number(line.slice(space + 1)))
    }
    return metrics
  } catch {
    return null
  }
}

/**
 * The q-quantile (0..1) of a histogram's observations between two scrapes, as the upper bound
 * of the bucket it falls in (Prometheus buckets are coarse: read it as "at most"). In ms.
 */
export function histogramQuantileMs(before: Metrics, after: Metrics, name: string, q: number): number {
  const buckets: { le: number; count: number }[] = []
  for (const [key, value] of after) {
    const match = key.startsWith(`${name}_bucket{`) ? /le="([^"]+)"/.exec(key) : null
    if (!match) continue
    buckets.push({ le: match[1] === '+Inf' ? Infinity : Number(match[1]), count: value - (before.get(key) ?? 0) })
  }
  buckets.sort((a, b) => a.le - b.le)
  const total = buckets.at(-1)?.count ?? 0
  if (total === 0) return NaN
  const bucket = buckets.find((b) => b.count >= q * total)!
  return bucket.le * 1000
}
