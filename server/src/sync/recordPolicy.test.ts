import { getBoardSchema, IDEA_CARD_TYPE, type IdeaCardShape } from '@pinnwand/shared'
import { DocumentRecordType, PageRecordType, type TLRecord, TLDOCUMENT_ID } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type { Actor } from '../auth/Actor.ts'
import { reviewRecordChange, validateRecord } from './recordPolicy.ts'

const schema = getBoardSchema()

const actor = (role: Actor['role'], userId = 'p_ada'): Actor => ({
  role,
  workshopId: 'ws_1',
  boardId: null,
  userId,
  name: 'Ada',
})
const ada = actor('participant', 'p_ada')

const card = (props: Partial<IdeaCardShape['props']> = {}, id = 'shape:card1'): IdeaCardShape => ({
  id: id as IdeaCardShape['id'],
  typeName: 'shape',
  type: IDEA_CARD_TYPE,
  parentId: 'page:page' as IdeaCardShape['parentId'],
  index: 'a1' as IdeaCardShape['index'],
  x: 0,
  y: 0,
  rotation: 0,
  isLocked: false,
  opacity: 1,
  meta: {},
  props: {
    w: 220,
    h: 160,
    text: 'Mehr Grün',
    color: 'yellow',
    author: 'Ada',
    authorId: 'p_ada',
    createdAt: 1,
    ...props,
  },
})

const create = (record: TLRecord, who: Actor = ada) =>
  reviewRecordChange(who, { id: record.id, before: undefined, after: record }, schema)
const update = (before: TLRecord, after: TLRecord, who: Actor = ada) =>
  reviewRecordChange(who, { id: after.id, before, after }, schema)

describe('reviewRecordChange', () => {
  it('accepts a valid new card by its author, an update and a move by someone else', () => {
    expect(create(card())).toBeNull()
    expect(update(card(), card({ text: 'Noch mehr Grün' }))).toBeNull()
    expect(update(card(), { ...card(), x: 400 }, actor('participant', 'p_bob'))).toBeNull()
  })

  it('lets only the facilitator create pages', () => {
    const page = PageRecordType.create({ id: 'page:two' as never, name: 'Zwei', index: 'a2' as never })
    expect(create(page, actor('facilitator', 'f_1'))).toBeNull()
    expect(create(page)).toMatch(/only the facilitator/)
  })

  it("lets a participant move, but not edit or delete, someone else's card", () => {
    const bob = actor('participant', 'p_bob')
    expect(update(card(), { ...card(), x: 10, y: 20, index: 'a5' as never }, bob)).toBeNull()
    expect(update(card(), card({ text: 'übernommen' }), bob)).toMatch(/only the author/)
    expect(update(card(), { ...card(), x: 10, props: { ...card().props, color: 'red' } }, bob)).toMatch(
      /only the author/,
    )
    expect(reviewRecordChange(bob, { id: 'shape:card1', before: card(), after: undefined }, schema)).toMatch(
      /only the author/,
    )
    // The facilitator moderates: edits and deletes anyone's card.
    const facilitator = actor('facilitator', 'f_1')
    expect(update(card(), card({ text: 'gekürzt' }), facilitator)).toBeNull()
    expect(reviewRecordChange(facilitator, { id: 'shape:card1', before: card(), after: undefined }, schema)).toBeNull()
  })

  it('refuses every participant change on a locked board, but not the facilitator', () => {
    const locked = { locked: true }
    expect(reviewRecordChange(ada, { id: 'shape:card1', before: undefined, after: card() }, schema, locked)).toMatch(
      /locked/,
    )
    expect(
      reviewRecordChange(ada, { id: 'shape:card1', before: card(), after: { ...card(), x: 5 } }, schema, locked),
    ).toMatch(/locked/)
    const facilitator = actor('facilitator', 'f_1')
    expect(
      reviewRecordChange(
        facilitator,
        { id: 'shape:card1', before: card(), after: { ...card(), x: 5 } },
        schema,
        locked,
      ),
    ).toBeNull()
  })

  it('accepts a card by a facilitator carrying the facilitator id', () => {
    expect(create(card({ authorId: 'f_1' }), actor('facilitator', 'f_1'))).toBeNull()
  })

  it('refuses a record whose id does not match its key', () => {
    const verdict = reviewRecordChange(ada, { id: 'shape:other', before: undefined, after: card() }, schema)
    expect(verdict).toMatch(/id does not match/)
  })

  it('refuses unknown record types', () => {
    const alien = { ...card(), id: 'gadget:1', typeName: 'gadget' } as unknown as TLRecord
    expect(create(alien)).toMatch(/unknown record type gadget/)
  })

  it.each(['instance', 'camera', 'pointer', 'instance_presence', 'instance_page_state'])(
    'refuses session-scope %s records',
    (typeName) => {
      const record = { id: `${typeName}:x`, typeName } as unknown as TLRecord
      expect(create(record)).toMatch(/not part of the shared document/)
    },
  )

  it('refuses invalid props and unknown colours', () => {
    expect(create(card({ w: 'wide' as unknown as number }))).toMatch(/invalid shape/)
    expect(create(card({ color: 'hotpink' as never }))).toMatch(/invalid shape/)
    const withoutAuthorId = card()
    delete (withoutAuthorId.props as Partial<IdeaCardShape['props']>).authorId
    expect(create(withoutAuthorId)).toMatch(/invalid shape/)
  })

  it('refuses idea text over 2000 characters, accepts exactly 2000', () => {
    expect(create(card({ text: 'x'.repeat(2000) }))).toBeNull()
    expect(create(card({ text: 'x'.repeat(2001) }))).toMatch(/longer than 2000/)
    expect(update(card(), card({ text: 'x'.repeat(3000) }))).toMatch(/longer than 2000/)
  })

  it('refuses everything from a projector, even valid changes', () => {
    const projector = actor('projector', 'v_1')
    expect(create(card({ authorId: 'v_1' }), projector)).toBe('read-only access')
    expect(reviewRecordChange(projector, { id: 'shape:card1', before: card(), after: undefined }, schema)).toBe(
      'read-only access',
    )
  })

  it('refuses deleting the document record but allows deleting a card', () => {
    const doc = DocumentRecordType.create({ id: TLDOCUMENT_ID })
    expect(reviewRecordChange(ada, { id: doc.id, before: doc, after: undefined }, schema)).toMatch(/cannot be deleted/)
    expect(reviewRecordChange(ada, { id: 'shape:card1', before: card(), after: undefined }, schema)).toBeNull()
  })

  it("refuses a new card carrying someone else's authorId", () => {
    expect(create(card({ authorId: 'p_bob' }))).toMatch(/must carry its author/)
  })

  it('refuses changing the authorId of an existing card', () => {
    expect(update(card(), card({ authorId: 'p_bob' }))).toMatch(/author of a (card|shape) cannot change/)
    expect(update(card(), card({ authorId: 'p_bob' }), actor('facilitator', 'f_1'))).toMatch(/cannot change/)
    // Also when the one changing it is the (new) claimed author.
    expect(update(card(), card({ authorId: 'p_bob' }), actor('participant', 'p_bob'))).toMatch(/cannot change/)
  })

  it('refuses changing the type of a record', () => {
    const page = PageRecordType.create({ id: 'page:x' as never, name: 'x', index: 'a1' as never })
    const asShape = { ...card(), id: 'page:x' } as unknown as TLRecord
    expect(validateRecord('page:x', asShape, page, schema)).toBeTruthy()
  })
})
