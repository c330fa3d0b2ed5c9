/** One JSON call to our server's public API; throws on an unexpected status. */
export async function api<T>(
  baseUrl: string,
  method: string,
  route: string,
  { token, body, expect = [200, 201] }: { token?: string; body?: unknown; expect?: number[] } = {},
): Promise<T> {
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(baseUrl + route, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!expect.includes(res.status)) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 300)}`)
  return (text ? JSON.parse(text) : null) as T
}
