import type { BoardStateMessage, HeldCardDto, ModerationSection } from '@pinnwand/shared'
import type { StoredHeldCard, StoredModeration } from './HeldCardStore.ts'

/** The moderation section of a board state, if any (untrusted shape: relayed JSON). */
export function moderationOf(state: Readonly<BoardStateMessage>): ModerationSection | null {
  const section = state.moderation as ModerationSection | null | undefined
  return section && typeof section.on === 'boolean' ? section : null
}

/** Whether a participant's new card goes to the inbox instead of the board. */
export function isModerated(state: Readonly<BoardStateMessage>): boolean {
  return moderationOf(state)?.on === true
}

/** What everyone may know of a board's moderation: the setting and the counts — never a text. */
export function moderationSection(setting: StoredModeration | null, waiting: number): ModerationSection | null {
  if (!setting) return null
  return { on: setting.enabled, waiting, rejected: setting.rejected, changedAt: setting.changedAt }
}

/** The idea card an approved card becomes: the same id on every try, so a second approval adds none. */
export function approvedCardId(card: Pick<StoredHeldCard, 'id'>): string {
  return `shape:held-${card.id}`
}

/** The held card as its author (or, while waiting, the facilitator) reads it. */
export function heldCardDto(card: StoredHeldCard): HeldCardDto {
  return {
    id: card.id,
    text: card.text,
    author: card.authorName,
    authorId: card.authorId,
    status: card.status === 'rejected' ? 'rejected' : 'waiting',
    reason: card.status === 'rejected' ? card.reason : null,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
  }
}
