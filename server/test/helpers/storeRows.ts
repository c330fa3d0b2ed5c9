import { randomBytes } from 'node:crypto'
import type { BoardRow, Store } from '../../src/store/Store.ts'

let counter = 0
const uid = (prefix: string) => `${prefix}_${++counter}_${randomBytes(4).toString('hex')}`

/** A workshop with one blank board written straight into a store (store-level tests). */
export async function addWorkshopWithBoard(store: Store): Promise<{ workshopId: string; boardId: string }> {
  const workshopId = uid('ws')
  const board: BoardRow = {
    id: uid('b'),
    workshopId,
    title: 'Tisch',
    question: '',
    template: 'blank',
    position: 0,
    createdAt: 1,
    locked: false,
    phase: 'collect',
    ideaCount: 0,
    lastActivityAt: null,
  }
  await store.createWorkshop({
    workshop: { id: workshopId, title: 'W', language: 'de', date: null, joinCode: uid('J'), createdAt: 1 },
    boards: [board],
    tokens: [],
    initialDocuments: [],
  })
  return { workshopId, boardId: board.id }
}
