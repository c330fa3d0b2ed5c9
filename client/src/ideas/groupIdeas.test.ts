import { describe, expect, it } from 'vitest'
import { filterIdeas, groupIdeas } from './groupIdeas.ts'

const card = (id: string, text: string, parentId = 'page:page', createdAt = 1, author = 'Ada') => ({
  id,
  type: 'idea-card',
  parentId,
  props: { text, author, authorId: `u-${author}`, createdAt, w: 260, h: 160, color: 'yellow' },
})
const cluster = (id: string, title: string) => ({
  id,
  type: 'cluster',
  parentId: 'page:page',
  props: { title, w: 500, h: 400, color: 'blue' },
})

describe('groupIdeas', () => {
  it('groups cards under their cluster, clusters by title, loose ideas last, oldest first', () => {
    const groups = groupIdeas([
      card('shape:3', 'Später', 'shape:b', 3),
      cluster('shape:b', 'Bus'),
      card('shape:1', 'Radweg', 'shape:a', 2),
      cluster('shape:a', 'Auto'),
      card('shape:2', 'Früher', 'shape:b', 1),
      card('shape:4', 'Ohne Gruppe'),
      { id: 'shape:x', type: 'geo', parentId: 'page:page', props: {} },
    ])
    expect(groups.map((g) => g.cluster?.title ?? null)).toEqual(['Auto', 'Bus', null])
    expect(groups[1]?.ideas.map((i) => i.text)).toEqual(['Früher', 'Später'])
    expect(groups[2]?.ideas.map((i) => i.id)).toEqual(['shape:4'])
  })

  it('lists empty clusters but no empty group of loose ideas, and skips blank cards', () => {
    const groups = groupIdeas([cluster('shape:a', 'Leer'), card('shape:1', '   ')])
    expect(groups).toEqual([{ cluster: { id: 'shape:a', title: 'Leer' }, ideas: [] }])
  })
})

describe('filterIdeas', () => {
  const groups = groupIdeas([
    cluster('shape:a', 'Mobilität'),
    card('shape:1', 'Mehr Radwege', 'shape:a'),
    card('shape:2', 'Café im Rathaus', 'page:page', 1, 'Zoë'),
    card('shape:3', 'Über Nacht parken', 'page:page'),
  ])

  it('ignores case and accents and needs every word', () => {
    expect(filterIdeas(groups, 'cafe').flatMap((g) => g.ideas.map((i) => i.id))).toEqual(['shape:2'])
    expect(filterIdeas(groups, 'UBER parken').flatMap((g) => g.ideas.map((i) => i.id))).toEqual(['shape:3'])
    expect(filterIdeas(groups, 'uber radweg')).toEqual([])
  })

  it('finds by author and keeps a whole cluster when its title matches', () => {
    expect(filterIdeas(groups, 'zoe').flatMap((g) => g.ideas.map((i) => i.id))).toEqual(['shape:2'])
    expect(filterIdeas(groups, 'mobilitat')[0]?.ideas.map((i) => i.id)).toEqual(['shape:1'])
  })

  it('returns everything for an empty query', () => {
    expect(filterIdeas(groups, '  ')).toEqual(groups)
  })
})
