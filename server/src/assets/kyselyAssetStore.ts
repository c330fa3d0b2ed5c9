import type { Kysely, Selectable } from 'kysely'
import type { UploadImageType } from '@pinnwand/shared'
import type { AssetStore, BoardAssetRow } from './AssetStore.ts'
import type { Dialect } from '../store/migrations/types.ts'
import type { Database } from '../store/schema.ts'

/** The table of migration 0010, kept here so the assets feature stays in its own files. */
export type AssetTables = {
  board_assets: {
    id: string
    board_id: string
    mime_type: string
    byte_size: number
    width: number
    height: number
    sha256: string
    created_at: number
    created_by: string
    data: Uint8Array
  }
}

const COLUMNS = [
  'id',
  'board_id',
  'mime_type',
  'byte_size',
  'width',
  'height',
  'sha256',
  'created_at',
  'created_by',
] as const

type AssetRecord = Omit<Selectable<AssetTables['board_assets']>, 'data'>

const toRow = (r: AssetRecord): BoardAssetRow => ({
  id: r.id,
  boardId: r.board_id,
  mimeType: r.mime_type as UploadImageType,
  bytes: Number(r.byte_size),
  width: Number(r.width),
  height: Number(r.height),
  sha256: r.sha256,
  createdAt: Number(r.created_at),
  createdBy: r.created_by,
})

const toBytes = (data: Uint8Array): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

/** Uploaded images on SQLite and PostgreSQL through Kysely. */
export class KyselyAssetStore implements AssetStore {
  private readonly db: Kysely<Database & AssetTables>
  private readonly dialect: Dialect

  constructor(db: Kysely<Database>, dialect: Dialect) {
    this.db = db.withTables<AssetTables>()
    this.dialect = dialect
  }

  async addAsset(row: BoardAssetRow, data: Uint8Array, boardBytesMax: number) {
    return this.db.transaction().execute(async (tx) => {
      // The board row is locked first on PostgreSQL, so two uploads cannot both pass the quota.
      await tx
        .selectFrom('boards')
        .select('id')
        .where('id', '=', row.boardId)
        .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirstOrThrow()
      const same = await tx
        .selectFrom('board_assets')
        .select(COLUMNS)
        .where('board_id', '=', row.boardId)
        .where('sha256', '=', row.sha256)
        .executeTakeFirst()
      if (same) return { asset: toRow(same), created: false }
      const used = await tx
        .selectFrom('board_assets')
        .select((eb) => eb.fn.sum<number | string | null>('byte_size').as('total'))
        .where('board_id', '=', row.boardId)
        .executeTakeFirst()
      const usedBytes = Number(used?.total ?? 0)
      if (usedBytes + row.bytes > boardBytesMax) return { full: true as const, usedBytes }
      await tx
        .insertInto('board_assets')
        .values({
          id: row.id,
          board_id: row.boardId,
          mime_type: row.mimeType,
          byte_size: row.bytes,
          width: row.width,
          height: row.height,
          sha256: row.sha256,
          created_at: row.createdAt,
          created_by: row.createdBy,
          data,
        })
        .execute()
      return { asset: row, created: true }
    })
  }

  async getAsset(boardId: string, assetId: string): Promise<BoardAssetRow | null> {
    const row = await this.db
      .selectFrom('board_assets')
      .select(COLUMNS)
      .where('board_id', '=', boardId)
      .where('id', '=', assetId)
      .executeTakeFirst()
    return row ? toRow(row) : null
  }

  async getAssetData(boardId: string, assetId: string) {
    const row = await this.db
      .selectFrom('board_assets')
      .select([...COLUMNS, 'data'])
      .where('board_id', '=', boardId)
      .where('id', '=', assetId)
      .executeTakeFirst()
    return row ? { asset: toRow(row), data: toBytes(row.data) } : null
  }

  async listAssets(boardId: string): Promise<BoardAssetRow[]> {
    const rows = await this.db
      .selectFrom('board_assets')
      .select(COLUMNS)
      .where('board_id', '=', boardId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(toRow)
  }
}
