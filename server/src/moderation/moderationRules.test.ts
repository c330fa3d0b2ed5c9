import { type BoardStateMessage, IDEA_CARD_TYPE } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type { Actor } from '../auth/Actor.ts'
import type { RoomGuardContext } from '../sync/roomGuards.ts'
import type { StoredHeldCard } from './HeldCardStore.ts'
import { MODERATION_VERDICT, moderationRoomGuard } from './moderationRoomGuard.ts'
import { approvedCardId, heldCardDto, isModerated, moderationOf, moderationSection } from './moderationRules.ts'

const state = (moderation: unknown): BoardStateMessage => ({ locked: false, phase: 'collect', moderation })
const actor = (role: Actor['role']): Actor => ({ role, userId: 'u1', name: 'Ada', workshopId: 'w', boardId: null })
const card = { typeName: 'shape', type: IDEA_CARD_TYPE, id: 'shape:a' } as unknown as TLRecord
const held: StoredHeldCard = {
  id: 'h1',
  boardId: 'b',
  authorId: 'p1',
  authorName: 'Ada',
  text: 'Text',
  status: 'rejected',
  reason: 'zu vage',
  createdAt: 1,
  updatedAt: 2,
}

describe('moderation rules', () => {
  it('reads the section only in its shape (relayed JSON is untrusted)', () => {
    expect(moderationOf(state(undefined))).toBeNull()
    expect(moderationOf(state(null))).toBeNull()
    expect(moderationOf(state({ on: 'yes' }))).toBeNull()
    expect(isModerated(state({ on: false, waiting: 3, rejected: 0, changedAt: 1 }))).toBe(false)
    expect(isModerated(state({ on: true, waiting: 0, rejected: 0, changedAt: 1 }))).toBe(true)
  })

  it('tells everyone counts, never a text', () => {
    expect(moderationSection(null, 0)).toBeNull()
    expect(moderationSection({ boardId: 'b', enabled: true, rejected: 2, changedAt: 5 }, 3)).toEqual({
      on: true,
      waiting: 3,
      rejected: 2,
      changedAt: 5,
    })
  })

  it('derives the board card id from the held card, so a second approval adds none', () => {
    expect(approvedCardId(held)).toBe('shape:held-h1')
    expect(approvedCardId({ id: 'h1' })).toBe(approvedCardId(held))
  })

  it('gives the reason only with a rejection', () => {
    expect(heldCardDto(held)).toMatchObject({ status: 'rejected', reason: 'zu vage' })
    expect(heldCardDto({ ...held, status: 'waiting', reason: 'alt' })).toMatchObject({
      status: 'waiting',
      reason: null,
    })
  })
})

describe('moderation room guard', () => {
  const guardWith = (moderation: unknown) =>
    moderationRoomGuard({ boardState: () => state(moderation) } as unknown as RoomGuardContext)
  const on = { on: true, waiting: 0, rejected: 0, changedAt: 1 }

  it('refuses a participant’s new idea card in a moderated board, and nothing else', () => {
    const guard = guardWith(on)
    expect(guard.reviewRecord!(actor('participant'), { id: card.id, before: undefined, after: card })).toBe(
      MODERATION_VERDICT,
    )
    // Editing or moving a card already on the board, the facilitator's new card, other shapes: allowed.
    expect(guard.reviewRecord!(actor('participant'), { id: card.id, before: card, after: card })).toBeNull()
    expect(guard.reviewRecord!(actor('facilitator'), { id: card.id, before: undefined, after: card })).toBeNull()
    const drawing = { ...card, type: 'draw' } as unknown as TLRecord
    expect(guard.reviewRecord!(actor('participant'), { id: card.id, before: undefined, after: drawing })).toBeNull()
  })

  it('lets everything through when moderation is off or was never on', () => {
    for (const moderation of [null, undefined, { ...on, on: false }]) {
      expect(
        guardWith(moderation).reviewRecord!(actor('participant'), { id: card.id, before: undefined, after: card }),
      ).toBeNull()
    }
  })
})
