import type { UploadImageType } from '@pinnwand/shared'

/** Persistence port of uploaded images (migration 0010). The bytes are kept apart from the facts. */

export interface BoardAssetRow {
  id: string
  boardId: string
  mimeType: UploadImageType
  bytes: number
  width: number
  height: number
  /** Hex SHA-256 of the bytes: the same picture pasted twice on a board is stored once. */
  sha256: string
  createdAt: number
  /** Who uploaded it (participant or facilitator id). */
  createdBy: string
}

export interface AssetStore {
  /**
   * Stores an image unless the board holds the same bytes already (then returns that one), or
   * unless the board's images would exceed `boardBytesMax` together (then `full`). One transaction.
   */
  addAsset(
    row: BoardAssetRow,
    data: Uint8Array,
    boardBytesMax: number,
  ): Promise<{ asset: BoardAssetRow; created: boolean } | { full: true; usedBytes: number }>
  /** One image of a board (null when the board has no such image), with its bytes when asked for. */
  getAsset(boardId: string, assetId: string): Promise<BoardAssetRow | null>
  getAssetData(boardId: string, assetId: string): Promise<{ asset: BoardAssetRow; data: Uint8Array } | null>
  /** A board's images, oldest first, without their bytes. */
  listAssets(boardId: string): Promise<BoardAssetRow[]>
}
