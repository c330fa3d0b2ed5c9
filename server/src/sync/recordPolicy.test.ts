import { getBoardSchema, IDEA_CARD_TYPE, type IdeaCardShape, Limits } from '@pinnwand/shared'
import { AssetRecordType, DocumentRecordType, PageRecordType, type TLRecord, TLDOCUMENT_ID } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type { Actor } from '../auth/Actor.ts'
import {
  measureJson,
  PERSON_RECORD_VERDICT,
  type PolicyContext,
  reviewRecordChange,
  validateRecord,
} from './recordPolicy.ts'

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

  it('refuses tldraw person records from anyone (not board content), lets one delete one’s own leftover', () => {
    const user = (id: string) =>
      ({ id, typeName: 'user', name: 'Ada', color: '#e03131', imageUrl: '', meta: {} }) as unknown as TLRecord
    const own = user('user:p_ada')
    expect(create(own)).toBe(PERSON_RECORD_VERDICT)
    expect(create(user('user:f_1'), actor('facilitator', 'f_1'))).toBe(PERSON_RECORD_VERDICT)
    expect(update(own, { ...own, name: 'Ada B.' } as TLRecord)).toBe(PERSON_RECORD_VERDICT)
    const remove = (record: TLRecord, who: Actor) =>
      reviewRecordChange(who, { id: record.id, before: record, after: undefined }, schema)
    expect(remove(own, ada)).toBeNull()
    expect(remove(user('user:p_bob'), ada)).toMatch(/another user/)
    expect(remove(user('user:p_bob'), actor('facilitator', 'f_1'))).toBeNull()
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

/** `{ a: { a: … } }`, `levels` objects deep, built without recursion. */
function nested(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  let current = root
  for (let i = 1; i < levels; i++) {
    const next: Record<string, unknown> = {}
    current.a = next
    current = next
  }
  return root
}

const page = PageRecordType.create({ id: 'page:page' as never, name: 'Seite', index: 'a1' as never })
const cluster = { ...card({}, 'shape:cluster1'), type: 'cluster', props: { w: 760, h: 520, title: 'T', color: 'blue' } }
const board: Record<string, TLRecord> = {
  'page:page': page,
  'shape:card1': card(),
  'shape:cluster1': cluster as unknown as TLRecord,
}
const onBoard: PolicyContext = { locked: false, getRecord: (id) => board[id] }
const createOn = (record: TLRecord, who: Actor = ada) =>
  reviewRecordChange(who, { id: record.id, before: undefined, after: record }, schema, onBoard)
const updateOn = (before: TLRecord, after: TLRecord, who: Actor = ada) =>
  reviewRecordChange(who, { id: after.id, before, after }, schema, onBoard)
const facilitator = actor('facilitator', 'f_1')

describe('record limits', () => {
  it('measures nesting and size without recursion', () => {
    expect(measureJson({}, 1, 100)).toBeNull()
    expect(measureJson(nested(2), 1, 100)).toMatch(/deeper than 1 levels/)
    expect(measureJson(nested(100_000), 32, 1e9)).toMatch(/deeper than 32/)
    expect(measureJson({ text: 'x'.repeat(200) }, 5, 100)).toMatch(/larger than 100 bytes/)
    expect(measureJson(undefined, 1, 10)).toBeNull()
  })

  it("refuses a card whose meta nests 3,000 levels, from anyone, and accepts the limit's own depth", () => {
    expect(create({ ...card(), meta: nested(3000) } as TLRecord)).toMatch(/meta nested deeper than 32/)
    expect(create({ ...card({ authorId: 'f_1' }), meta: nested(3000) } as TLRecord, facilitator)).toMatch(/meta nested/)
    expect(update(card(), { ...card(), meta: nested(40) } as TLRecord)).toMatch(/meta nested/)
    expect(create({ ...card(), meta: nested(Limits.recordNestingMax) } as TLRecord)).toBeNull()
  })

  it('refuses a record id longer than the limit', () => {
    const id = `shape:${'x'.repeat(Limits.recordIdMax)}`
    expect(create(card({}, id))).toMatch(/record id is longer than 256/)
    expect(create(card({}, `shape:${'x'.repeat(Limits.recordIdMax - 'shape:'.length)}`))).toBeNull()
  })

  it('refuses oversized meta and props', () => {
    expect(create({ ...card(), meta: { junk: 'x'.repeat(Limits.recordMetaBytesMax) } } as TLRecord)).toMatch(
      /meta larger than/,
    )
    const drawing = { ...card(), type: 'geo', props: { junk: 'x'.repeat(Limits.recordPropsBytesMax) } }
    expect(create(drawing as unknown as TLRecord)).toMatch(/props larger than/)
  })

  it("refuses an author name over the display-name limit, and a participant's card in someone else's name", () => {
    expect(create(card({ author: 'x'.repeat(7 * 1024 * 1024) }))).toMatch(/author name is longer than 60/)
    expect(create(card({ author: 'Moderation' }))).toMatch(/author’s own name/)
    // Editing one's own card: the name stays as it was, or becomes one's own.
    expect(update(card(), card({ text: 'neu', author: 'Moderation' }))).toMatch(/author’s own name/)
    expect(update(card({ author: 'Ada L.' }), card({ author: 'Ada L.', text: 'neu' }))).toBeNull()
    // Moving someone else's card keeps their name.
    expect(update(card(), { ...card(), x: 10 }, actor('participant', 'p_bob'))).toBeNull()
  })

  it('refuses coordinates beyond the limit or not finite, but leaves an unchanged old value alone', () => {
    expect(create({ ...card(), x: 1e12 })).toMatch(/x must be a number between/)
    expect(update(card(), { ...card(), y: -2e6 }, actor('participant', 'p_bob'))).toMatch(/y must be/)
    expect(create({ ...card(), x: Number.NaN })).toMatch(/x must be/)
    expect(create({ ...card(), x: Limits.coordinateMax, y: -Limits.coordinateMax })).toBeNull()
    expect(update({ ...card(), x: 5e6 }, { ...card(), x: 5e6, props: { ...card().props, text: 'neu' } })).toBeNull()
  })

  it('requires the parent to be the page or an existing cluster, frame or group', () => {
    const bob = actor('participant', 'p_bob')
    expect(updateOn(card(), { ...card(), parentId: 'shape:doesnotexist' as never }, bob)).toMatch(/parent must be/)
    expect(updateOn(card(), { ...card(), parentId: 'shape:cluster1' as never }, bob)).toBeNull()
    // A card is no container; nor is a page that does not exist.
    expect(createOn({ ...card({}, 'shape:card2'), parentId: 'shape:card1' as never })).toMatch(/parent must be/)
    expect(createOn({ ...card({}, 'shape:card2'), parentId: 'page:gone' as never })).toMatch(/parent must be/)
    expect(createOn(card({}, 'shape:card2'))).toBeNull()
    expect(
      createOn({ ...card({ authorId: 'f_1' }, 'shape:card2'), parentId: 'shape:x' as never }, facilitator),
    ).toMatch(/parent must be/)
    // Without a way to look records up, the rule cannot be judged and is skipped (older callers).
    expect(update(card(), { ...card(), parentId: 'shape:doesnotexist' as never }, bob)).toBeNull()
  })

  describe('assets', () => {
    const image = (src: string | null) =>
      AssetRecordType.create({
        id: 'asset:img' as never,
        type: 'image',
        props: { name: 'bild.png', src, w: 10, h: 10, mimeType: 'image/png', isAnimated: false },
      })
    const png = 'data:image/png;base64,iVBORw0KGgo='

    const uploadUrl = '/api/boards/b_1/assets/img0123456789abcdefghijkl'
    // What the server writes for that upload (assets/uploadRecord.ts), in this board's document.
    const uploadRecord = AssetRecordType.create({
      id: 'asset:img0123456789abcdefghijkl' as never,
      type: 'image',
      props: { name: 'u.png', src: uploadUrl, w: 10, h: 10, mimeType: 'image/png', isAnimated: false },
    })
    const withUpload = (...records: TLRecord[]) => {
      const byId = new Map<string, TLRecord>(records.map((r) => [r.id, r]))
      return { locked: false, getRecord: (id: string) => byId.get(id) }
    }
    const createWith = (record: TLRecord, context: ReturnType<typeof withUpload>, who: Actor = ada) =>
      reviewRecordChange(who, { id: record.id, before: undefined, after: record }, schema, context)

    it('accepts this board’s uploads and small inline images', () => {
      expect(createWith(image(uploadUrl), withUpload(uploadRecord))).toBeNull()
      expect(create(image(png))).toBeNull()
      expect(create(image(null))).toBeNull()
    })

    it('refuses an upload this board does not hold: another board’s, or one that does not exist', () => {
      // The same upload id under another board's URL: this board's upload record holds another src.
      const otherBoard = '/api/boards/b_2/assets/img0123456789abcdefghijkl'
      expect(createWith(image(otherBoard), withUpload(uploadRecord))).toMatch(/uploaded to this board/)
      expect(createWith(image(otherBoard), withUpload(uploadRecord), facilitator)).toMatch(/uploaded to this board/)
      // No upload record at all.
      expect(createWith(image(uploadUrl), withUpload())).toMatch(/uploaded to this board/)
      // A client cannot vouch for an upload by writing its record itself, not even the facilitator.
      expect(createWith(uploadRecord, withUpload(uploadRecord), facilitator)).toMatch(/written by the server/)
      // Any other path on this server is no picture either.
      expect(create(image('/api/boards/b_1/export?format=png'))).toMatch(/uploaded to this board/)
    })

    it('refuses every outside address, so no browser fetches one', () => {
      for (const src of [
        'https://tracker.example/pixel.png',
        'http://192.168.1.1/',
        '//evil.example/x.png',
        '/\\evil.example/x.png',
        'javascript:alert(1)',
      ]) {
        expect(create(image(src)), src).toMatch(/must be an image uploaded to this board/)
      }
      expect(create(image(png), facilitator)).toBeNull()
      expect(create(image('https://tracker.example/pixel.png'), facilitator)).toMatch(/must be an image uploaded/)
    })

    it('refuses inline non-images and inline images over the limit', () => {
      expect(create(image('data:text/html;base64,PHNjcmlwdD4='))).toMatch(/PNG, JPEG/)
      expect(create(image('data:image/svg+xml,<svg></svg>'))).toMatch(/PNG, JPEG/)
      expect(create(image(`data:image/png;base64,${'A'.repeat(Limits.dataUrlBytesMax)}`))).toMatch(/larger than/)
    })

    it('checks the picture fields of bookmark assets too', () => {
      const bookmark = AssetRecordType.create({
        id: 'asset:bm' as never,
        type: 'bookmark',
        props: { src: null, title: 't', description: '', image: 'https://tracker.example/og.png', favicon: '' },
      })
      expect(create(bookmark)).toMatch(/asset image must be/)
    })

    it('refuses embeds for everyone: an embed is an outside page on every screen', () => {
      const embed = {
        ...card({}, 'shape:embed1'),
        type: 'embed',
        props: { w: 300, h: 200, url: 'https://www.youtube.com/embed/x' },
        meta: { createdBy: 'f_1' },
      } as unknown as TLRecord
      expect(createOn(embed, facilitator)).toMatch(/embeds are not allowed/)
      // One left over from before can still be deleted.
      expect(
        reviewRecordChange(facilitator, { id: embed.id, before: embed, after: undefined }, schema, onBoard),
      ).toBeNull()
    })
  })
})

describe('clusters stay upright', () => {
  const facilitator = actor('facilitator', 'f_1')
  const upright = { ...cluster, meta: { createdBy: 'f_1' } } as unknown as TLRecord
  it('refuses turning a cluster, or creating a turned one, for everyone', () => {
    expect(update(upright, { ...upright, rotation: 1.2 } as TLRecord, facilitator)).toMatch(/rotated/)
    expect(create({ ...upright, rotation: 0.5 } as TLRecord, facilitator)).toMatch(/rotated/)
    expect(update(upright, { ...upright, x: 400 } as TLRecord, facilitator)).toBeNull()
  })
  it('leaves a cluster that is turned already alone when it is only moved (older boards)', () => {
    const turned = { ...upright, rotation: 4.9 } as TLRecord
    expect(update(turned, { ...turned, x: 400 } as TLRecord, facilitator)).toBeNull()
  })
})
