import { describe, expect, it } from 'vitest'
import { groupIdeas, type ShapeLike } from './groupIdeas.ts'
import { IdeaGrouper } from './IdeaGrouper.ts'

const card = (id: string, text: string, parentId = 'page:page', createdAt = 1, author = 'Ada'): ShapeLike => ({
  id,
  type: 'idea-card',
  parentId,
  props: { text, author, authorId: `u-${author}`, createdAt, w: 260, h: 160, color: 'yellow' },
})
const cluster = (id: string, title: string): ShapeLike => ({
  id,
  type: 'cluster',
  parentId: 'page:page',
  props: { title, w: 500, h: 400, color: 'blue' },
})
const moved = (shape: ShapeLike, x: number) => ({ ...shape, x })
const withText = (shape: ShapeLike, text: string) => ({ ...shape, props: { ...shape.props, text } })

/** A small seeded generator, so a failing sequence can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
}

describe('IdeaGrouper', () => {
  it('returns the previous result itself when only positions change (a drag)', () => {
    const grouper = new IdeaGrouper()
    const a = cluster('shape:a', 'Auto')
    const one = card('shape:1', 'Radweg', 'shape:a')
    const first = grouper.update([a, one, card('shape:2', 'Bus')])
    const second = grouper.update([moved(a, 40), moved(one, 300), card('shape:2', 'Bus')])
    expect(second).toBe(first)
  })

  it('rebuilds only the group of an edited card; the others keep their identity', () => {
    const grouper = new IdeaGrouper()
    const shapes = [
      cluster('shape:a', 'Auto'),
      cluster('shape:b', 'Bus'),
      card('shape:1', 'Radweg', 'shape:a'),
      card('shape:2', 'Takt', 'shape:b'),
      card('shape:3', 'lose'),
    ]
    const before = grouper.update(shapes)
    const after = grouper.update(shapes.map((s) => (s.id === 'shape:2' ? withText(s, 'Takt alle 10 Minuten') : s)))
    expect(after).not.toBe(before)
    expect(after[0]).toBe(before[0])
    expect(after[2]).toBe(before[2])
    expect(after[1]?.ideas.map((idea) => idea.text)).toEqual(['Takt alle 10 Minuten'])
  })

  it('moves a card between clusters, drops blanked and deleted cards, and the loose group when empty', () => {
    const grouper = new IdeaGrouper()
    const a = cluster('shape:a', 'Auto')
    const b = cluster('shape:b', 'Bus')
    grouper.update([a, b, card('shape:1', 'Radweg', 'shape:a'), card('shape:2', 'lose')])
    const next = [a, b, card('shape:1', 'Radweg', 'shape:b'), card('shape:2', '  ')]
    expect(grouper.update(next)).toEqual(groupIdeas(next))
    expect(grouper.update([a, b])).toEqual([
      { cluster: { id: 'shape:a', title: 'Auto' }, ideas: [] },
      { cluster: { id: 'shape:b', title: 'Bus' }, ideas: [] },
    ])
  })

  it('regroups when a cluster is renamed, added or removed', () => {
    const grouper = new IdeaGrouper()
    const one = card('shape:1', 'Radweg', 'shape:z')
    grouper.update([one])
    const z = cluster('shape:z', 'Zug')
    expect(grouper.update([one, z])).toEqual(groupIdeas([one, z]))
    const renamed = [one, cluster('shape:z', 'Anbindung'), cluster('shape:y', 'Bus')]
    expect(grouper.update(renamed).map((group) => group.cluster?.title)).toEqual(['Anbindung', 'Bus'])
    expect(grouper.update([one])).toEqual(groupIdeas([one]))
  })

  it('ignores shapes that are neither cards nor clusters, and odd card values', () => {
    const grouper = new IdeaGrouper()
    const shapes: ShapeLike[] = [
      { id: 'shape:geo', type: 'geo', parentId: 'page:page', props: {} },
      card('shape:1', '<script>alert(1)</script>'),
      card('shape:2', 'x'.repeat(2000), 'shape:missing'),
    ]
    expect(grouper.update(shapes)).toEqual(groupIdeas(shapes))
  })

  it('always equals groupIdeas over a random sequence of board changes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = random(seed)
      const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
      const grouper = new IdeaGrouper()
      let shapes = new Map<string, ShapeLike>()
      for (let step = 0; step < 200; step++) {
        const roll = next()
        const clusters = [...shapes.values()].filter((s) => s.type === 'cluster')
        const cards = [...shapes.values()].filter((s) => s.type === 'idea-card')
        const parent = () => (clusters.length > 0 && next() < 0.7 ? pick(clusters).id : 'page:page')
        if (roll < 0.08) {
          const id = `shape:c${step}`
          shapes.set(id, cluster(id, pick(['Auto', 'Bus', 'Rad', ''])))
        } else if (roll < 0.12 && clusters.length > 0) {
          const gone = pick(clusters)
          shapes.delete(gone.id)
          if (next() < 0.5) shapes.set(gone.id, cluster(gone.id, 'neu'))
        } else if (roll < 0.35) {
          const id = `shape:k${step}`
          shapes.set(id, card(id, pick(['Idee', '', 'Noch eine']), parent(), Math.floor(next() * 5)))
        } else if (roll < 0.45 && cards.length > 0) {
          shapes.delete(pick(cards).id)
        } else if (roll < 0.65 && cards.length > 0) {
          const edited = pick(cards)
          shapes.set(edited.id, withText(edited, pick(['Idee', ' ', `Fassung ${step}`])))
        } else if (roll < 0.8 && cards.length > 0) {
          const into = pick(cards)
          shapes.set(into.id, { ...into, parentId: parent() })
        } else if (cards.length > 0) {
          const dragged = pick(cards)
          shapes.set(dragged.id, moved(dragged, step))
        }
        // Sometimes several changes reach the grouper at once (one frame's batch).
        if (next() < 0.3) continue
        shapes = new Map(shapes)
        expect(grouper.update([...shapes.values()]), `seed ${seed}, step ${step}`).toEqual(
          groupIdeas([...shapes.values()]),
        )
      }
    }
  })
})
