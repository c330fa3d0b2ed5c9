import { boardAssetUrl, uploadRecordId } from '@pinnwand/shared'
import { AssetRecordType, type TLAsset } from '@tldraw/tlschema'
import type { BoardAssetRow } from './AssetStore.ts'

const EXTENSIONS: Record<BoardAssetRow['mimeType'], string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
}

/** A file name for downloads and for the record (the uploader's own file name is not kept). */
export const assetFileName = (asset: BoardAssetRow): string => `${asset.id}.${EXTENSIONS[asset.mimeType]}`

/**
 * The `asset:` record the server writes for an upload (the "upload's record"): an image asset
 * whose `src` is the upload's URL on this board. Client asset records may point only at URLs
 * that such a record of the same board holds (recordPolicy.ts).
 */
export function buildUploadRecord(asset: BoardAssetRow): TLAsset {
  return AssetRecordType.create({
    id: uploadRecordId(asset.id) as TLAsset['id'],
    type: 'image',
    props: {
      w: asset.width,
      h: asset.height,
      name: assetFileName(asset),
      isAnimated: asset.mimeType === 'image/gif',
      mimeType: asset.mimeType,
      src: boardAssetUrl(asset.boardId, asset.id),
      fileSize: asset.bytes,
    },
    meta: { createdBy: asset.createdBy },
  })
}
