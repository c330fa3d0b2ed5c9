import { z } from 'zod'
/**
 * Images uploaded to a board (server-hosted assets). The board document refers to an upload by
 * its server URL; the server writes one `asset:` record per upload (the upload's record, id
 * `asset:<uploadId>`), so every client and every server instance can tell from the document
 * alone which URLs are this board's uploads (docs/board-document.md, "Images").
 */

/** Image types the upload route accepts (checked against the file's first bytes, not the name). */
export const UploadImageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
export type UploadImageType = (typeof UploadImageTypes)[number]

/** An upload id: `img` and 22 URL-safe characters (random, server-made). */
const UPLOAD_ID = /^img[A-Za-z0-9_-]{22}$/
const ASSET_URL = /^\/api\/boards\/([A-Za-z0-9_-]{1,64})\/assets\/(img[A-Za-z0-9_-]{22})$/

export const isUploadId = (value: string): boolean => UPLOAD_ID.test(value)

/** Where an uploaded image is served (and what `props.src` of its asset records holds). */
export const boardAssetUrl = (boardId: string, uploadId: string): string => `/api/boards/${boardId}/assets/${uploadId}`

/** The board and upload an asset URL names, or null when it is not an upload URL. */
export function parseBoardAssetUrl(url: string): { boardId: string; uploadId: string } | null {
  const match = ASSET_URL.exec(url)
  return match ? { boardId: match[1]!, uploadId: match[2]! } : null
}

/** Id of the `asset:` record the server writes for an upload. */
export const uploadRecordId = (uploadId: string): string => `asset:${uploadId}`

/** `POST /api/boards/:boardId/assets` → 201 (or 200 when the board holds the same image already). */
export const UploadAssetResponse = z.object({
  asset: z.object({
    /** Id of the upload's `asset:` record in the board document. */
    recordId: z.string(),
    src: z.string(),
    mimeType: z.enum(UploadImageTypes),
    width: z.number().int(),
    height: z.number().int(),
    bytes: z.number().int(),
  }),
})
export type UploadAssetResponse = z.infer<typeof UploadAssetResponse>
