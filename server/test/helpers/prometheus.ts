/** The value of one sample line (`name{labels} value`) in Prometheus text, or undefined. */
export function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1))
}

/** Fetches `/metrics` of a server and reads one sample. */
export async function metric(baseUrl: string, name: string): Promise<number | undefined> {
  return sample(await (await fetch(`${baseUrl}/metrics`)).text(), name)
}
