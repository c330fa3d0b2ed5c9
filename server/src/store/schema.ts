import type { Generated } from 'kysely'

/** Database tables as Kysely sees them (snake_case columns, as stored). */
export interface Database {
  workshops: {
    id: string
    title: string
    language: string
    date: string | null
    join_code: string
    created_at: number
    recovery_hash: Generated<string | null>
    hide_authors: Generated<number>
    retention_days: Generated<number | null>
  }
  boards: {
    id: string
    workshop_id: string
    title: string
    question: string
    template: string
    position: number
    created_at: number
    locked: Generated<number>
    phase: Generated<string>
    idea_count: Generated<number>
    last_activity_at: number | null
    max_participants: Generated<number | null>
    facilitator_name: Generated<string | null>
    kind: Generated<string>
    open_to_participants: Generated<number>
  }
  table_seats: {
    participant_id: string
    board_id: string
    seated_at: number
  }
  participant_done: {
    board_id: string
    context: string
    participant_id: string
    name: string
    at: number
  }
  deleted_workshops: {
    id: string
    join_code: string
    deleted_at: number
  }
  deleted_workshop_tokens: {
    token_hash: string
    deleted_workshop_id: string
  }
  participants: {
    id: string
    workshop_id: string
    name: string
    created_at: number
    revoked_at: number | null
  }
  access_tokens: {
    token_hash: string
    role: string
    workshop_id: string
    board_id: string | null
    subject_id: string
    created_at: number
    revoked_at: number | null
  }
  board_updates: {
    seq: Generated<number>
    board_id: string
    data: Uint8Array
    created_at: number
  }
  board_client_ids: {
    board_id: string
    client_id: number
    owner_id: string
    claimed_at: number
  }
  board_snapshots: {
    board_id: string
    data: Uint8Array
    up_to_seq: number
    updated_at: number
  }
  voting_rounds: {
    id: string
    board_id: string
    status: string
    dots_per_participant: number
    max_per_idea: number | null
    eligible_idea_ids: string | null
    anonymous: number
    duration_seconds: number | null
    opened_at: number
    closes_at: number | null
    closed_at: number | null
    revealed_at: number | null
    paused_remaining_ms: Generated<number | null>
    imported_results: Generated<string | null>
    facilitators_vote: Generated<number>
  }
  voting_ballots: {
    round_id: string
    voter_id: string
    voter_name: string
    used: number
    updated_at: number
  }
  voting_votes: {
    round_id: string
    voter_id: string
    idea_id: string
    count: number
    idea_text: string
    updated_at: number
  }
  board_shortlists: {
    board_id: string
    idea_id: string
    position: number
    idea_text: string
    round_id: string | null
    votes: number | null
    added_at: number
  }
  voting_requests: {
    round_id: string
    voter_id: string
    request_id: string
    outcome: string
    created_at: number
  }
  board_timers: {
    board_id: string
    running: number
    ends_at: number | null
    remaining_ms: number | null
    duration_ms: number
    updated_at: number
  }
  board_private_phases: {
    board_id: string
    facilitator_sees_texts: number
    revealing: number
    started_at: number
    changed_at: number
    /** The reveal's choice: 1 without names (migration 0017). */
    reveal_anonymous: Generated<number>
    /** When the (last) reveal began: its lease (migration 0017). */
    reveal_started_at: number | null
  }
  private_cards: {
    id: string
    board_id: string
    author_id: string
    author_name: string
    text: string
    created_at: number
    updated_at: number
  }
  board_moderation: {
    board_id: string
    enabled: number
    rejected: Generated<number>
    changed_at: number
  }
  held_cards: {
    id: string
    board_id: string
    author_id: string
    author_name: string
    text: string
    status: string
    reason: string | null
    created_at: number
    updated_at: number
  }
}
