import { describe, expect, it } from 'vitest'
import { getBoardSchema, IDEA_CARD_TYPE, ideaCardMigrationIds } from './boardSchema.ts'
import { Limits } from './limits.ts'

const card = (props: Record<string, unknown>) => ({
  id: 'shape:card1',
  typeName: 'shape',
  type: IDEA_CARD_TYPE,
  x: 0,
  y: 0,
  rotation: 0,
  index: 'a1',
  parentId: 'page:page',
  isLocked: false,
  opacity: 1,
  meta: {},
  props: { w: 200, h: 150, text: 'Mehr Grün', color: 'yellow', author: 'Ada', authorId: 'p_1', createdAt: 1, ...props },
})

describe('board schema', () => {
  const schema = getBoardSchema()

  it('accepts a valid idea card', () => {
    expect(() => schema.types.shape.validate(card({}) as never)).not.toThrow()
  })

  it('refuses text over the limit, unknown colours and missing author ids', () => {
    expect(() => schema.types.shape.validate(card({ text: 'x'.repeat(Limits.ideaTextMax + 1) }) as never)).toThrow(
      /longer/,
    )
    expect(() => schema.types.shape.validate(card({ color: 'hotpink' }) as never)).toThrow()
    expect(() => schema.types.shape.validate(card({ authorId: undefined }) as never)).toThrow()
  })

  it('migrates an idea card stored before createdAt existed', () => {
    const serialized = schema.serialize()
    const old = structuredClone(serialized) as { sequences: Record<string, number> }
    old.sequences[`com.tldraw.shape.${IDEA_CARD_TYPE}`] = 0
    const legacy = card({})
    delete (legacy.props as Record<string, unknown>).createdAt
    const result = schema.migrateStoreSnapshot({ store: { [legacy.id]: legacy } as never, schema: old as never })
    expect(result.type).toBe('success')
    if (result.type !== 'success') return
    const migrated = (result.value as Record<string, { props: { createdAt: number } }>)[legacy.id]
    expect(migrated?.props.createdAt).toBe(0)
    expect(ideaCardMigrationIds.AddCreatedAt).toContain(IDEA_CARD_TYPE)
  })
})
