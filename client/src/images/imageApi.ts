import { Limits, parseBoardAssetUrl, type UploadAssetResponse } from '@pinnwand/shared'
import { uploadAsset } from '@pinnwand/shared/assetRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { ApiError } from '../api/apiClient.ts'

/** Sends a picture's bytes to the board (`POST /api/boards/:boardId/assets`). */
export async function uploadImage(boardId: string, token: string, file: Blob): Promise<UploadAssetResponse['asset']> {
  if (file.size > Limits.assetBytesMax) throw new ApiError(413, 'payload_too_large', 'image too large')
  const { asset } = await callApi(uploadAsset, {
    params: { boardId },
    body: file,
    contentType: file.type || 'application/octet-stream',
    token,
  })
  return asset
}

/**
 * An `<img>` cannot send the bearer token, and a token in the URL would end up in proxy logs:
 * the picture is fetched with the token in its header and shown from a `blob:` URL. Each upload
 * is fetched once per page (and the browser caches the response: it never changes).
 */
export function createImageLoader(token: string) {
  const loaded = new Map<string, Promise<string | null>>()
  return {
    /** A URL the canvas can show for an asset's `src`: uploads as blob URLs, inline images as they are. */
    resolve(src: string): Promise<string | null> | string | null {
      if (!parseBoardAssetUrl(src)) return src.startsWith('data:') ? src : null
      let url = loaded.get(src)
      if (!url) {
        url = fetch(src, { headers: { authorization: `Bearer ${token}` } })
          .then(async (response) => (response.ok ? URL.createObjectURL(await response.blob()) : null))
          .catch(() => null)
        // A failed fetch (offline for a moment) is tried again the next time the picture is drawn.
        void url.then((value) => value === null && loaded.delete(src))
        loaded.set(src, url)
      }
      return url
    },
    dispose() {
      for (const url of loaded.values()) void url.then((value) => value && URL.revokeObjectURL(value))
      loaded.clear()
    },
  }
}
