import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * Which person writes under which Yjs client id of a board (`sync/ClientIdBindings.ts`). A client
 * id is bound to the first participant (or the server) whose connection wrote new structs under
 * it; nobody else may ever write under it. Shared by all instances, so the binding holds on two
 * instances behind Redis as on one.
 */
export const clientIds: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('board_client_ids')
      .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
      .addColumn('client_id', 'bigint', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('claimed_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('board_client_ids_pk', ['board_id', 'client_id'])
      .execute()
  },
}
