import type { MigrationProvider } from 'kysely/migration'
import { initial } from './migrations/0001_initial.ts'
import { boardState } from './migrations/0002_board_state.ts'
import { voting } from './migrations/0003_voting.ts'
import { boardVersions } from './migrations/0004_board_versions.ts'
import { shortlist } from './migrations/0005_shortlist.ts'
import { workshopAdmin } from './migrations/0006_workshop_admin.ts'
import { boardTimer } from './migrations/0007_board_timer.ts'
import { reportSettings } from './migrations/0008_report_settings.ts'
import { clientIds } from './migrations/0009_client_ids.ts'
import { participantDone } from './migrations/0012_participant_done.ts'
import { roundFacilitatorsVote } from './migrations/0012_round_facilitators_vote.ts'
import { exportSettings } from './migrations/0013_export_settings.ts'
import { boardAssets } from './migrations/0010_board_assets.ts'
import { boardKind } from './migrations/0011_board_kind.ts'
import { retention } from './migrations/0014_retention.ts'
import { privateCards } from './migrations/0015_private_cards.ts'
import { heldCards } from './migrations/0016_held_cards.ts'
import { revealMarker } from './migrations/0017_reveal_marker.ts'
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
    '0002_board_state': boardState,
    '0003_voting': voting,
    '0004_board_versions': boardVersions(dialect),
    '0005_shortlist': shortlist,
    '0006_workshop_admin': workshopAdmin,
    '0007_board_timer': boardTimer,
    '0008_report_settings': reportSettings,
    '0009_client_ids': clientIds,
    '0013_export_settings': exportSettings(dialect),
    '0010_board_assets': boardAssets(dialect),
    '0011_board_kind': boardKind,
    '0012_round_facilitators_vote': roundFacilitatorsVote,
    // Sorts before 0012_round…: databases that ran that one first apply it out of order (allowed).
    '0012_participant_done': participantDone,
    '0014_retention': retention,
    '0015_private_cards': privateCards,
    '0016_held_cards': heldCards,
    '0017_reveal_marker': revealMarker,
  }
  return { getMigrations: async () => migrations }
}
