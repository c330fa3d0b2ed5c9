import { describe, expect, it } from 'vitest'
import { mergeUndoDiff, type RecordsDiffLike } from './mergeUndoDiff.ts'

type Card = { id: string; x: number; y: number; props: { text: string; color: string }; meta: Record<string, unknown> }
const card = (x: number, text: string, color = 'yellow'): Card => ({
  id: 'shape:a',
  x,
  y: 0,
  props: { text, color },
  meta: {},
})

const undoOf = (partial: Partial<RecordsDiffLike<Card>>): RecordsDiffLike<Card> => ({
  added: {},
  updated: {},
  removed: {},
  ...partial,
})
const lookup =
  (...records: Card[]) =>
  (id: string) =>
    records.find((r) => r.id === id)

describe('mergeUndoDiff', () => {
  it('undoes my move completely when nobody touched the card since', () => {
    const { diff, kept } = mergeUndoDiff(
      undoOf({ updated: { 'shape:a': [card(100, 'Idee'), card(0, 'Idee')] } }),
      lookup(card(100, 'Idee')),
    )
    expect(diff.updated['shape:a']?.[1]).toEqual(card(0, 'Idee'))
    expect(kept).toBe(0)
  })

  it('undoes my move but keeps the text someone else wrote afterwards', () => {
    const now = card(100, 'Idee, von Bea ergänzt')
    const { diff, kept } = mergeUndoDiff(
      undoOf({ updated: { 'shape:a': [card(100, 'Idee'), card(0, 'Idee')] } }),
      lookup(now),
    )
    expect(diff.updated['shape:a']?.[1]).toEqual(card(0, 'Idee, von Bea ergänzt'))
    expect(kept).toBe(0) // the text was not part of my step
  })

  it('does not move a card back that someone else moved after me', () => {
    const { diff, kept } = mergeUndoDiff(
      undoOf({ updated: { 'shape:a': [card(100, 'Idee'), card(0, 'Idee')] } }),
      lookup(card(250, 'Idee')),
    )
    expect(diff.updated).toEqual({})
    expect(kept).toBe(1)
  })

  it('takes back my text edit but keeps a colour change by someone else (props key by key)', () => {
    const mine = card(0, 'Neu', 'yellow')
    const before = card(0, 'Alt', 'yellow')
    const now = card(0, 'Neu', 'blue')
    const { diff } = mergeUndoDiff(undoOf({ updated: { 'shape:a': [mine, before] } }), lookup(now))
    expect(diff.updated['shape:a']?.[1]).toEqual(card(0, 'Alt', 'blue'))
  })

  it('does not bring back a card someone else deleted after my edit', () => {
    const { diff, kept } = mergeUndoDiff(
      undoOf({ updated: { 'shape:a': [card(100, 'Idee'), card(0, 'Idee')] } }),
      lookup(),
    )
    expect(diff).toEqual(undoOf({}))
    expect(kept).toBe(1)
  })

  it('undoing my new card removes it, unless someone has worked on it since', () => {
    const mine = card(0, 'Meine Idee')
    expect(mergeUndoDiff(undoOf({ removed: { 'shape:a': mine } }), lookup(mine)).diff.removed).toHaveProperty('shape:a')
    const edited = mergeUndoDiff(
      undoOf({ removed: { 'shape:a': mine } }),
      lookup(card(0, 'Meine Idee + Kommentar von Bea')),
    )
    expect(edited.diff.removed).toEqual({})
    expect(edited.kept).toBe(1)
  })

  it('replays records only I can change (camera, selection) as they were', () => {
    const selection = { id: 'instance_page_state:page', selectedShapeIds: ['shape:b'] } as unknown as Card
    const earlier = { id: 'instance_page_state:page', selectedShapeIds: ['shape:a'] } as unknown as Card
    const { diff, kept } = mergeUndoDiff(
      undoOf({ updated: { 'instance_page_state:page': [earlier, earlier] } }),
      lookup(selection),
      (record) => record.id.startsWith('shape:'),
    )
    expect(diff.updated['instance_page_state:page']).toEqual([earlier, earlier])
    expect(kept).toBe(0)
  })

  it('undoing my deletion brings the card back', () => {
    const { diff } = mergeUndoDiff(undoOf({ added: { 'shape:a': card(0, 'Idee') } }), lookup())
    expect(diff.added['shape:a']).toEqual(card(0, 'Idee'))
  })

  it('removes a meta key my step added, when it is still as I left it', () => {
    const mine = { ...card(0, 'A'), meta: { tag: 'x' } }
    const { diff } = mergeUndoDiff(undoOf({ updated: { 'shape:a': [mine, card(0, 'A')] } }), lookup(mine))
    expect(diff.updated['shape:a']?.[1].meta).toEqual({})
  })
})
