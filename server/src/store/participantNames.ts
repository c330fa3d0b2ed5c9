import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

/**
 * A feature's part of "remove my name" (privacy/removeParticipantName.ts): it rewrites the
 * participant's name in the feature's own tables (voting its ballots, the private phase and
 * moderation their held-back cards). The core store runs every rewrite in the transaction that
 * renames the participant row, so the name goes everywhere or nowhere. `tx` is that transaction.
 */
export type ParticipantNameRewrite = (tx: Kysely<Database>, participantId: string, replacement: string) => Promise<void>
