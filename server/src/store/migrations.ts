import type { Migration, MigrationProvider } from 'kysely/migration'
import { initial } from './migrations/0001_initial.ts'
import { boardState } from './migrations/0002_board_state.ts'
import { workshopAdmin } from './migrations/0006_workshop_admin.ts'
import { reportSettings } from './migrations/0008_report_settings.ts'
import { clientIds } from './migrations/0009_client_ids.ts'
import { participantDone } from './migrations/0012_participant_done.ts'
import { boardKind } from './migrations/0011_board_kind.ts'
import { retention } from './migrations/0014_retention.ts'
import type { Dialect } from './migrations/types.ts'

export type { Dialect }

/** Migrations by name; a feature's are in its folder (`migrations` of features/ServerFeature.ts). */
export type Migrations = Readonly<Record<string, Migration>>

/**
 * Append-only schema migrations, each in its own file, written once for both databases (only
 * types that really differ, like binary columns, are chosen per dialect). The core's are under
 * migrations/; each feature's come from its folder and run in the same order, by name (one
 * numbering for all). Add a new file and one line in its list; never edit a migration that has
 * shipped, and never rename one (the database records them by name).
 */
export function migrationProvider(dialect: Dialect, featureMigrations: Migrations = {}): MigrationProvider {
  const core: Migrations = {
    '0001_initial': initial(dialect),
    '0002_board_state': boardState,
    '0006_workshop_admin': workshopAdmin,
    '0008_report_settings': reportSettings,
    '0009_client_ids': clientIds,
    '0011_board_kind': boardKind,
    // Sorts before 0012_round… (voting's): databases that ran that one first apply it out of order (allowed).
    '0012_participant_done': participantDone,
    '0014_retention': retention,
  }
  const clash = Object.keys(featureMigrations).find((name) => name in core)
  if (clash) throw new Error(`migration ${clash} is both the core's and a feature's`)
  const migrations = { ...core, ...featureMigrations }
  return { getMigrations: async () => migrations }
}
