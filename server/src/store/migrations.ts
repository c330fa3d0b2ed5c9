import type { MigrationProvider } from 'kysely/migration'
import { initial } from './migrations/0001_initial.ts'
import type { Dialect } from './migrations/types.ts'

export type { Dialect }

/**
 * Append-only schema migrations, each in its own file under migrations/, written once for both
 * databases (only types that really differ, like binary columns, are chosen per dialect).
 * Add a new file and one line here; never edit a migration that has shipped.
 */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  const migrations = {
    '0001_initial': initial(dialect),
  }
  return { getMigrations: async () => migrations }
}
