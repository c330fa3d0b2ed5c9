import type { BoardStateMessage, IdeaCardShape, PrivatePhaseSection } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import type { Actor } from '../auth/Actor.ts'
import { buildIdeaCard } from '../domain/ideas.ts'
import type { StoredPrivateCard, StoredPrivatePhase } from './PrivateCardStore.ts'

/** The running private phase in a board state, if any (untrusted shape: relayed JSON). */
export function privatePhaseOf(state: Readonly<BoardStateMessage>): PrivatePhaseSection | null {
  const section = state.privatePhase as PrivatePhaseSection | null | undefined
  return section && typeof section.since === 'number' ? section : null
}

/** What everyone may know of a phase: that it runs, since when, how many cards — never a text. */
export function phaseSection(phase: StoredPrivatePhase | null, cards: number): PrivatePhaseSection | null {
  if (!phase) return null
  return {
    since: phase.startedAt,
    facilitatorSeesTexts: phase.facilitatorSeesTexts,
    cards,
    changedAt: phase.changedAt,
  }
}

/** Whose private cards `actor` may read: their own, or everyone's for a facilitator who chose so. */
export function readableAuthor(actor: Actor, phase: StoredPrivatePhase | null): string | undefined | null {
  if (actor.role === 'projector') return null
  if (actor.role === 'facilitator') return phase?.facilitatorSeesTexts ? undefined : null
  return actor.userId
}

/** The idea card a private card becomes; the same id on every try, so a retried reveal adds none twice. */
export function revealedCardId(card: StoredPrivateCard): string {
  return `shape:private-${card.id}`
}

/**
 * The idea cards of a reveal, placed one after another in the collecting area by the rule every
 * device uses. Anonymous: no author name or id and the reveal's time instead of the writing
 * time, so neither the board, its history nor an export can tell who wrote what (and the author
 * loses the right to edit or delete the card: nothing records that it was theirs). The moderation
 * inbox places an approved card by the same rule, with its own ids (`idOf`).
 */
export function planReveal(
  records: readonly TLRecord[],
  cards: readonly StoredPrivateCard[],
  anonymous: boolean,
  now: number,
  idOf: (card: StoredPrivateCard) => string = revealedCardId,
): IdeaCardShape[] {
  const placed: TLRecord[] = [...records]
  const present = new Set<string>(records.map((record) => record.id))
  const planned: IdeaCardShape[] = []
  for (const card of cards) {
    const id = idOf(card)
    // Already on the board: a reveal interrupted after its write is being finished.
    if (present.has(id)) continue
    const author: Actor = anonymous
      ? { role: 'participant', userId: '', name: '', workshopId: '', boardId: null }
      : { role: 'participant', userId: card.authorId, name: card.authorName, workshopId: '', boardId: null }
    const built = buildIdeaCard(placed, card.text, author, null, anonymous ? now : card.createdAt)
    const idea = { ...built, id: id as IdeaCardShape['id'] }
    placed.push(idea)
    planned.push(idea)
  }
  return planned
}
