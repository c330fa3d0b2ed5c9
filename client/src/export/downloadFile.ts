import { apiErrorOf, routeRequest } from '@pinnwand/shared/contract/callApi'
import type { AnyRoute, RouteInput } from '@pinnwand/shared/contract/route'

/** The file name the server chose (content-disposition), or `fallback`. */
export function fileNameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1])
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header)
  return plain?.[1] ?? fallback
}

/** Saves a Blob under `name` through a temporary link (works without any browser API beyond <a download>). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Downloads a file a route `produces` with the bearer token in a header (a plain link would
 * have to put the token into the address, where it ends up in history and proxy logs).
 */
export async function downloadFromApi<C extends AnyRoute & { produces: readonly string[] }>(
  route: C,
  input: RouteInput<C>,
  fallbackName: string,
): Promise<string> {
  const wire = routeRequest(route, input)
  const response = await fetch(wire.path, { method: wire.method, headers: wire.headers })
  if (!response.ok) throw await apiErrorOf(response)
  const name = fileNameFrom(response.headers.get('content-disposition'), fallbackName)
  saveBlob(await response.blob(), name)
  return name
}
