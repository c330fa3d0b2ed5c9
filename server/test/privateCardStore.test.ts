import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrivateCardStore, StoredPrivateCard } from '../src/privatePhase/PrivateCardStore.ts'
import type { FeatureStores } from '../src/features/index.ts'
import type { Store } from '../src/store/Store.ts'
import { onBothDatabases, type OpenFeatureStore } from './helpers/bothDatabases.ts'
import { addWorkshopWithBoard } from './helpers/storeRows.ts'

type Opened = Store & FeatureStores
let counter = 0

const card = (boardId: string, authorId: string, text: string): StoredPrivateCard => ({
  id: `card-${++counter}-${Math.random().toString(36).slice(2)}`,
  boardId,
  authorId,
  authorName: `Name ${authorId}`,
  text,
  createdAt: 1_700_000_000_000 + counter,
  updatedAt: 1_700_000_000_000 + counter,
})

/** The private-card store behaves the same on both databases. */
function runPrivateCardContract(name: string, open: OpenFeatureStore) {
  describe(`private-card store: ${name}`, () => {
    let store: Opened
    let cards: PrivateCardStore
    let cleanup: () => Promise<void>
    beforeAll(async () => {
      ;({ store, cleanup } = await open())
      cards = store.privateCards
    })
    afterAll(async () => {
      await store?.close()
      await cleanup?.()
    })

    it('writes only while the phase runs, and only its author changes a card', async () => {
      const { boardId } = await addWorkshopWithBoard(store)
      expect(await cards.addCard(card(boardId, 'p1', 'zu früh'), 10)).toBe('no_phase')
      const phase = await cards.startPhase(boardId, false, 1000)
      expect(phase).toMatchObject({ boardId, facilitatorSeesTexts: false, revealing: false, startedAt: 1000 })
      const mine = card(boardId, 'p1', 'Idee eins')
      expect(await cards.addCard(mine, 10)).toBe('ok')
      expect(await cards.addCard(card(boardId, 'p2', 'Idee zwei'), 10)).toBe('ok')
      expect(await cards.updateCard(boardId, mine.id, 'p2', 'fremd', 2000)).toBe('not_found')
      expect(await cards.deleteCard(boardId, mine.id, 'p2', 2000)).toBe('not_found')
      expect(await cards.updateCard(boardId, mine.id, 'p1', 'Idee eins, besser', 2000)).toBe('ok')
      expect((await cards.listCards(boardId, 'p1')).map((c) => c.text)).toEqual(['Idee eins, besser'])
      expect(await cards.countCards(boardId)).toBe(2)
      expect((await cards.getPhase(boardId))?.changedAt).toBe(2000)
      expect(await cards.deleteCard(boardId, mine.id, 'p1', 3000)).toBe('ok')
      expect(await cards.countCards(boardId)).toBe(1)
      // Starting again keeps the phase and its cards; only the facilitator's choice changes.
      expect(await cards.startPhase(boardId, true, 5000)).toMatchObject({ facilitatorSeesTexts: true, startedAt: 1000 })
      expect(await cards.countCards(boardId)).toBe(1)
    })

    it('refuses a second card with an existing id and keeps the first (what makes a resend idempotent)', async () => {
      const { boardId } = await addWorkshopWithBoard(store)
      await cards.startPhase(boardId, false, 1000)
      const first = card(boardId, 'p1', 'einmal')
      expect(await cards.addCard(first, 10)).toBe('ok')
      await expect(cards.addCard({ ...first, text: 'zweimal' }, 10)).rejects.toThrow()
      expect((await cards.listCards(boardId, 'p1')).map((c) => c.text)).toEqual(['einmal'])
      expect(await cards.countCards(boardId)).toBe(1)
    })

    it('caps the cards per person', async () => {
      const { boardId } = await addWorkshopWithBoard(store)
      await cards.startPhase(boardId, false, 1)
      for (let i = 0; i < 3; i++) expect(await cards.addCard(card(boardId, 'p1', `k${i}`), 3)).toBe('ok')
      expect(await cards.addCard(card(boardId, 'p1', 'eine zu viel'), 3)).toBe('too_many')
      expect(await cards.addCard(card(boardId, 'p2', 'andere Person'), 3)).toBe('ok')
    })

    it('freezes the cards once a reveal read them, returns them again to a retry, and clears all at the end', async () => {
      const { boardId } = await addWorkshopWithBoard(store)
      const other = await addWorkshopWithBoard(store)
      expect(await cards.beginReveal(boardId, false, 10)).toBeNull()
      await cards.startPhase(boardId, false, 1)
      await cards.startPhase(other.boardId, false, 1)
      const a = card(boardId, 'p1', 'A')
      await cards.addCard(a, 10)
      await cards.addCard(card(other.boardId, 'p1', 'anderer Tisch'), 10)
      expect((await cards.beginReveal(boardId, false, 10))?.cards.map((c) => c.text)).toEqual(['A'])
      expect(await cards.addCard(card(boardId, 'p1', 'zu spät'), 10)).toBe('no_phase')
      expect(await cards.updateCard(boardId, a.id, 'p1', 'zu spät', 2)).toBe('no_phase')
      expect(await cards.deleteCard(boardId, a.id, 'p1', 2)).toBe('no_phase')
      const retry = await cards.beginReveal(boardId, false, 20)
      expect(retry).toMatchObject({ anonymous: false, phaseStartedAt: 1 })
      expect(retry?.cards.map((c) => c.text)).toEqual(['A'])
      expect(await cards.finishReveal(boardId, 1)).toBe(true)
      expect(await cards.finishReveal(boardId, 1)).toBe(false)
      expect(await cards.getPhase(boardId)).toBeNull()
      expect(await cards.listCards(boardId)).toEqual([])
      expect(await cards.countCards(other.boardId)).toBe(1)
    })

    it('keeps the reveal choice and its start with the marker, and lets one instance take over after the lease', async () => {
      const { boardId } = await addWorkshopWithBoard(store)
      await cards.startPhase(boardId, false, 100)
      await cards.addCard(card(boardId, 'p1', 'eins'), 10)
      await cards.addCard(card(boardId, 'p2', 'zwei'), 10)
      // Nothing to take over while no reveal has begun.
      expect(await cards.claimInterruptedReveal(boardId, 1_000_000, 15_000)).toBeNull()
      expect(await cards.beginReveal(boardId, true, 10_000)).toMatchObject({ anonymous: true, phaseStartedAt: 100 })
      expect(await cards.getPhase(boardId)).toMatchObject({
        revealing: true,
        revealAnonymous: true,
        revealStartedAt: 10_000,
      })
      // A retry asking for names cannot take the anonymity back (the first try may still be writing).
      expect(await cards.beginReveal(boardId, false, 11_000)).toMatchObject({ anonymous: true })
      expect((await cards.getPhase(boardId))?.revealStartedAt).toBe(11_000)
      // The lease (from the last start) still runs: nobody takes over.
      expect(await cards.claimInterruptedReveal(boardId, 25_999, 15_000)).toBeNull()
      // Two instances after the lease, at once: exactly one gets it, and the lease is renewed.
      const claims = await Promise.all([
        cards.claimInterruptedReveal(boardId, 26_000, 15_000),
        cards.claimInterruptedReveal(boardId, 26_000, 15_000),
      ])
      const won = claims.filter((claim) => claim !== null)
      expect(won).toHaveLength(1)
      expect(won[0]).toMatchObject({ anonymous: true, phaseStartedAt: 100 })
      expect(won[0]!.cards.map((c) => c.text)).toEqual(['eins', 'zwei'])
      expect((await cards.getPhase(boardId))?.revealStartedAt).toBe(26_000)
      expect(await cards.claimInterruptedReveal(boardId, 30_000, 15_000)).toBeNull()
      // Finishing names its phase: a late finisher of an older phase deletes nothing of a new one.
      expect(await cards.finishReveal(boardId, 100)).toBe(true)
      await cards.startPhase(boardId, false, 50_000)
      await cards.addCard(card(boardId, 'p1', 'neue Runde'), 10)
      expect(await cards.finishReveal(boardId, 100)).toBe(false)
      expect(await cards.getPhase(boardId)).toMatchObject({
        revealing: false,
        revealStartedAt: null,
        startedAt: 50_000,
      })
      expect(await cards.countCards(boardId)).toBe(1)
    })

    it('goes with its workshop', async () => {
      const { workshopId, boardId } = await addWorkshopWithBoard(store)
      await cards.startPhase(boardId, false, 1)
      await cards.addCard(card(boardId, 'p1', 'weg damit'), 10)
      expect(await store.deleteWorkshop(workshopId, Date.now())).toBe(true)
      expect(await cards.getPhase(boardId)).toBeNull()
      expect(await cards.listCards(boardId)).toEqual([])
    })
  })
}

onBothDatabases('private', runPrivateCardContract)
