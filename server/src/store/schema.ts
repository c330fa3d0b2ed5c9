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
  }
  boards: {
    id: string
    workshop_id: string
    title: string
    question: string
    template: string
    position: number
    created_at: number
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
  board_snapshots: {
    board_id: string
    data: Uint8Array
    up_to_seq: number
    updated_at: number
  }
}
