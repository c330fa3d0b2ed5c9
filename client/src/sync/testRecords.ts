import { IDEA_CARD_TYPE, type IdeaCardShape } from '@pinnwand/shared/boardSchema'
import { openRecords } from '@pinnwand/shared/boardDocument'
import {
  createShapeId,
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  type IndexKey,
  type TLPageId,
  type TLRecord,
} from 'tldraw'
import * as Y from 'yjs'

/** Test helpers: what the server puts into a new board document. */
export const PAGE_ID = 'page:page' as TLPageId

export function serverSeedRecords(): TLRecord[] {
  return [
    DocumentRecordType.create({ id: TLDOCUMENT_ID }),
    PageRecordType.create({ id: PAGE_ID, name: 'Board', index: 'a1' as IndexKey }),
  ]
}

export function createSeededDoc(): Y.Doc {
  const doc = new Y.Doc()
  const records = openRecords(doc)
  doc.transact(() => {
    for (const record of serverSeedRecords()) records.set(record.id, record)
  }, 'server')
  return doc
}

export function ideaCard(text: string, overrides: Partial<IdeaCardShape> = {}): IdeaCardShape {
  return {
    id: createShapeId(),
    typeName: 'shape',
    type: IDEA_CARD_TYPE,
    x: 0,
    y: 0,
    rotation: 0,
    index: 'a1' as IndexKey,
    parentId: PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w: 260, h: 160, text, color: 'yellow', author: 'Ada', authorId: 'u1', createdAt: 1 },
    ...overrides,
  }
}
