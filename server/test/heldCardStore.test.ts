import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HeldCardStore, StoredHeldCard } from '../src/moderation/HeldCardStore.ts'
import type { FeatureStores } from '../src/features/index.ts'
import type { Store } from '../src/store/Store.ts'
import { onBothDatabases, type OpenFeatureStore } from './helpers/bothDatabases.ts'
import { addWorkshopWithBoard } from './helpers/storeRows.ts'

type Opened = Store & FeatureStores
let counter = 0

const card = (boardId: string, authorId: string, text: string): StoredHeldCard => ({
  id: `held-${++counter}-${Math.random().toString(36).slice(2)}`,
  boardId,
  authorId,
  authorName: `Name ${authorId}`,
  text,
  status: 'waiting',
  reason: null,
  createdAt: 1_700_000_000_000 + counter,
  updatedAt: 1_700_000_000_000 + counter,
})

/** The held-card store behaves the same on both databases. */
function runHeldCardContract(name: string, open: OpenFeatureStore) {
  describe(`held-card store: ${name}`, () => {
    let store: Opened
    let held: HeldCardStore
    let cleanup: () => Promise<void>
    beforeAll(async () => {
      ;({ store, cleanup } = await open())
      held = store.heldCards
    })
    afterAll(async () => {
      await store?.close()
      await cleanup?.()
    })

    it('holds cards only while moderation is on, and only their author changes them', async () => {
      const { boardId } = await addWorkshopWithBoard(store)
      expect(await held.getModeration(boardId)).toBeNull()
      expect(await held.addCard(card(boardId, 'p1', 'zu früh'), 10)).toBe('moderation_off')
      expect(await held.setModeration(boardId, true, 1000)).toEqual({
        boardId,
        enabled: true,
        rejected: 0,
        changedAt: 1000,
      })
      const mine = card(boardId, 'p1', 'Idee eins')
      expect(await held.addCard(mine, 10)).toBe('ok')
      expect(await held.addCard(card(boardId, 'p2', 'Idee zwei'), 10)).toBe('ok')
      expect(await held.updateCard(boardId, mine.id, 'p2', 'fremd', 2000)).toBe('not_found')
      expect(await held.deleteCard(boardId, mine.id, 'p2', 2000)).toBe('not_found')
      expect(await held.updateCard(boardId, mine.id, 'p1', 'Idee eins, besser', 2000)).toBe('ok')
      expect((await held.listCards(boardId, 'p1')).map((c) => c.text)).toEqual(['Idee eins, besser'])
      expect((await held.listCards(boardId)).map((c) => c.authorId)).toEqual(['p1', 'p2'])
      expect(await held.countWaiting(boardId)).toBe(2)
      expect((await held.getModeration(boardId))?.changedAt).toBe(2000)
      expect(await held.deleteCard(boardId, mine.id, 'p1', 3000)).toBe('ok')
      expect(await held.countWaiting(boardId)).toBe(1)
      // Switched off, nothing new is held; what waits still waits for a decision.
      await held.setModeration(boardId, false, 4000)
      expect(await held.addCard(card(boardId, 'p1', 'danach'), 10)).toBe('moderation_off')
      expect(await held.countWaiting(boardId)).toBe(1)
    })

    it('caps the cards per person', async () => {
      const { boardId } = await addWorkshopWithBoard(store)
      await held.setModeration(boardId, true, 1)
      for (let i = 0; i < 3; i++) expect(await held.addCard(card(boardId, 'p1', `k${i}`), 3)).toBe('ok')
      expect(await held.addCard(card(boardId, 'p1', 'eine zu viel'), 3)).toBe('too_many')
      expect(await held.addCard(card(boardId, 'p2', 'andere Person'), 3)).toBe('ok')
    })

    it('approves a card once, with the edit, even when two approvals race', async () => {
      const { boardId } = await addWorkshopWithBoard(store)
      const other = await addWorkshopWithBoard(store)
      await held.setModeration(boardId, true, 1)
      const a = card(boardId, 'p1', 'A')
      await held.addCard(a, 10)
      expect((await held.approve(other.boardId, a.id, undefined, 2)).result).toBe('not_found')
      const both = await Promise.all([
        held.approve(boardId, a.id, 'A, bearbeitet', 3),
        held.approve(boardId, a.id, 'B', 3),
      ])
      expect(both.map((r) => r.result).sort()).toEqual(['decided', 'ok'])
      const won = both.find((r) => r.result === 'ok') as { card: StoredHeldCard }
      expect(won.card).toMatchObject({ status: 'approved', authorId: 'p1' })
      expect(['A, bearbeitet', 'B']).toContain(won.card.text)
      // Approved: out of the inbox and the author's list, no longer theirs to change.
      expect(await held.listCards(boardId)).toEqual([])
      expect(await held.listCards(boardId, 'p1')).toEqual([])
      expect(await held.updateCard(boardId, a.id, 'p1', 'zu spät', 4)).toBe('decided')
      expect(await held.reject(boardId, a.id, null, 4)).toBe('decided')
      expect((await held.listApproved(boardId)).map((c) => c.id)).toEqual([a.id])
      await held.finishApproval(boardId, a.id)
      expect(await held.listApproved(boardId)).toEqual([])
      expect((await held.approve(boardId, a.id, undefined, 5)).result).toBe('not_found')
    })

    it('keeps a rejected text for its author alone, with the reason, and counts it after it is dismissed', async () => {
      const { boardId } = await addWorkshopWithBoard(store)
      await held.setModeration(boardId, true, 1)
      const a = card(boardId, 'p1', 'abgelehnt')
      await held.addCard(a, 10)
      expect(await held.reject(boardId, a.id, 'Bitte konkreter', 2)).toBe('ok')
      expect(await held.reject(boardId, a.id, null, 3)).toBe('decided')
      expect((await held.approve(boardId, a.id, undefined, 3)).result).toBe('decided')
      expect(await held.listCards(boardId)).toEqual([])
      expect(await held.countWaiting(boardId)).toBe(0)
      expect(await held.listCards(boardId, 'p1')).toMatchObject([
        { text: 'abgelehnt', status: 'rejected', reason: 'Bitte konkreter' },
      ])
      expect(await held.updateCard(boardId, a.id, 'p1', 'doch anders', 4)).toBe('decided')
      expect(await held.deleteCard(boardId, a.id, 'p1', 5)).toBe('ok')
      expect(await held.listCards(boardId, 'p1')).toEqual([])
      expect((await held.getModeration(boardId))?.rejected).toBe(1)
    })

    it('goes with its workshop', async () => {
      const { workshopId, boardId } = await addWorkshopWithBoard(store)
      await held.setModeration(boardId, true, 1)
      await held.addCard(card(boardId, 'p1', 'weg damit'), 10)
      expect(await store.deleteWorkshop(workshopId, Date.now())).toBe(true)
      expect(await held.getModeration(boardId)).toBeNull()
      expect(await held.listCards(boardId)).toEqual([])
    })
  })
}

onBothDatabases('held', runHeldCardContract)
