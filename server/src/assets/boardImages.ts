import { createHash, randomBytes } from 'node:crypto'
import { boardAssetUrl, isUploadId, Limits, parseBoardAssetUrl, uploadRecordId } from '@pinnwand/shared'
import type { AssetStore } from './AssetStore.ts'
import { type ImageInfo, readImageInfo } from './imageInfo.ts'

/** An uploaded picture inside a board's JSON backup (`document.images`): its bytes as base64. */
export interface ExportedImage {
  id: string
  mimeType: string
  data: string
}

/** A picture of an import, checked and renamed for the new board, ready for the asset store. */
export interface ImportedImage extends ImageInfo {
  id: string
  sha256: string
  data: Uint8Array
}

/** Every picture uploaded to the board, with its bytes, for the JSON backup. */
export async function exportBoardImages(assets: AssetStore, boardId: string): Promise<ExportedImage[]> {
  const out: ExportedImage[] = []
  for (const asset of await assets.listAssets(boardId)) {
    const found = await assets.getAssetData(boardId, asset.id)
    if (found) out.push({ id: asset.id, mimeType: asset.mimeType, data: Buffer.from(found.data).toString('base64') })
  }
  return out
}

const newUploadId = () => `img${randomBytes(16).toString('base64url')}`

type Rebased =
  | { ok: true; records: unknown[]; images: ImportedImage[]; trustedUploads: ReadonlySet<string>; missing: number }
  | { ok: false; reason: string }

const ASSET_URL_FIELDS = ['src', 'image', 'favicon'] as const

/**
 * Moves a backup's pictures to the board they are imported into. Each picture is checked like
 * an upload (type by its bytes, size, pixels) and gets a new id on the new board; asset records
 * then point at the new URLs, the uploads' own records are renamed with them (and are the ones
 * the import may write, `trustedUploads`), and shapes follow renamed records. A record pointing
 * at an upload the backup has no bytes for loses that picture (`missing`), not the import.
 * Pure, so it runs in the import worker.
 */
export function rebaseUploads(
  records: readonly unknown[],
  images: readonly unknown[] | undefined,
  boardId: string,
  makeId: () => string = newUploadId,
): Rebased {
  const renamed = new Map<string, string>()
  const bySha = new Map<string, string>()
  const kept: ImportedImage[] = []
  let total = 0
  for (const [index, raw] of (images ?? []).entries()) {
    const image = raw as Partial<ExportedImage> | null
    if (typeof image?.id !== 'string' || !isUploadId(image.id) || typeof image.data !== 'string') {
      return { ok: false, reason: `image ${index + 1} has no valid id or data` }
    }
    const data = new Uint8Array(Buffer.from(image.data, 'base64'))
    const info = readImageInfo(data)
    if (!info || info.mimeType !== image.mimeType) {
      return { ok: false, reason: `image ${image.id} is not the ${String(image.mimeType)} picture it claims to be` }
    }
    if (data.byteLength > Limits.assetBytesMax) {
      return { ok: false, reason: `image ${image.id} is larger than ${Limits.assetBytesMax} bytes` }
    }
    if (info.width > Limits.assetPixelsMax || info.height > Limits.assetPixelsMax) {
      return { ok: false, reason: `image ${image.id} is larger than ${Limits.assetPixelsMax} pixels` }
    }
    total += data.byteLength
    if (total > Limits.boardAssetBytesMax) {
      return { ok: false, reason: `the images take more than ${Limits.boardAssetBytesMax} bytes together` }
    }
    const sha256 = createHash('sha256').update(data).digest('hex')
    const same = bySha.get(sha256)
    if (same) {
      renamed.set(image.id, same)
      continue
    }
    const id = makeId()
    renamed.set(image.id, id)
    bySha.set(sha256, id)
    kept.push({ ...info, id, sha256, data })
  }
  const renamedRecords = new Map([...renamed].map(([from, to]) => [uploadRecordId(from), uploadRecordId(to)]))
  const trustedUploads = new Set(kept.map((image) => uploadRecordId(image.id)))
  let missing = 0
  const out: unknown[] = []
  const uploadRecords = new Set<unknown>()
  for (const raw of records) {
    const record = raw as { id?: unknown; typeName?: unknown; props?: Record<string, unknown> }
    if (record?.typeName === 'shape' && typeof record.props?.assetId === 'string') {
      const assetId = renamedRecords.get(record.props.assetId)
      out.push(assetId ? { ...record, props: { ...record.props, assetId } } : record)
      continue
    }
    if (record?.typeName !== 'asset' || !record.props) {
      out.push(record)
      continue
    }
    const props = { ...record.props }
    let id = record.id
    let dropped = false
    for (const field of ASSET_URL_FIELDS) {
      const upload = typeof props[field] === 'string' ? parseBoardAssetUrl(props[field]) : null
      if (!upload) continue
      const to = renamed.get(upload.uploadId)
      if (to) {
        props[field] = boardAssetUrl(boardId, to)
        if (id === uploadRecordId(upload.uploadId)) id = uploadRecordId(to)
      } else if (id === uploadRecordId(upload.uploadId)) dropped = true
      else {
        props[field] = field === 'src' ? null : ''
        missing += 1
      }
    }
    if (dropped) missing += 1
    // Two uploads of the same picture became one: its record is kept once.
    else if (id !== record.id && uploadRecords.has(id)) continue
    else {
      if (id !== record.id) uploadRecords.add(id)
      out.push({ ...record, id, props })
    }
  }
  return { ok: true, records: out, images: kept, trustedUploads, missing }
}
