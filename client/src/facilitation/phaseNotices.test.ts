import type { BoardViewSection } from '@pinnwand/shared/boardState'
import { describe, expect, it } from 'vitest'
import { noticesBetween, supersede } from './phaseNotices.ts'

const round = (id: string, status: 'open' | 'closed' | 'revealed', dotsPerParticipant = 3) => ({
  id,
  status,
  dotsPerParticipant,
  maxPerIdea: null,
  eligibleIdeaIds: null,
  anonymous: false,
  closesAt: null,
  voters: 0,
  totalVotes: 0,
})
const view = (userId: string, name: string, since: number): BoardViewSection => ({
  userId,
  name,
  at: since,
  since,
  pageId: 'page:page',
  viewport: { x: 0, y: 0, w: 100, h: 100 },
})

describe('noticesBetween', () => {
  it('says nothing when the board opens, whatever its state', () => {
    expect(
      noticesBetween(null, { phase: 'vote', round: round('r1', 'open'), follow: view('f', 'Mo', 1) }, 'me'),
    ).toEqual([])
  })

  it('tells a new phase, and a round that starts, ends and is revealed', () => {
    expect(noticesBetween({ phase: 'collect' }, { phase: 'cluster' }, 'me')).toEqual([
      { kind: 'phase', phase: 'cluster' },
    ])
    expect(
      noticesBetween({ phase: 'vote', round: null }, { phase: 'vote', round: round('r1', 'open', 5) }, 'me'),
    ).toEqual([{ kind: 'roundStarted', dots: 5 }])
    const open = { phase: 'vote' as const, round: round('r1', 'open') }
    expect(noticesBetween(open, { phase: 'vote', round: round('r1', 'closed') }, 'me')).toEqual([
      { kind: 'roundClosed' },
    ])
    expect(noticesBetween(open, { phase: 'vote', round: round('r1', 'revealed') }, 'me')).toEqual([
      { kind: 'roundRevealed' },
    ])
    // A second round after a revealed one is a new start.
    expect(
      noticesBetween(
        { phase: 'results', round: round('r1', 'revealed') },
        { phase: 'results', round: round('r2', 'open') },
        'me',
      ),
    ).toEqual([{ kind: 'roundStarted', dots: 3 }])
    // Progress (more votes) is not news.
    expect(
      noticesBetween(open, { phase: 'vote', round: { ...round('r1', 'open'), totalVotes: 4, voters: 2 } }, 'me'),
    ).toEqual([])
  })

  it('keeps the round notice and drops the phase it implies', () => {
    expect(
      noticesBetween({ phase: 'cluster', round: null }, { phase: 'vote', round: round('r1', 'open', 1) }, 'me'),
    ).toEqual([{ kind: 'roundStarted', dots: 1 }])
    expect(
      noticesBetween(
        { phase: 'vote', round: round('r1', 'closed') },
        { phase: 'results', round: round('r1', 'revealed') },
        'me',
      ),
    ).toEqual([{ kind: 'roundRevealed' }])
    // Set by hand to something else, the phase is still told.
    expect(
      noticesBetween(
        { phase: 'vote', round: round('r1', 'open') },
        { phase: 'collect', round: round('r1', 'closed') },
        'me',
      ),
    ).toEqual([{ kind: 'phase', phase: 'collect' }, { kind: 'roundClosed' }])
  })

  it('tells "follow me" starting and ending, but not to the one who leads, and not on every move', () => {
    expect(
      noticesBetween({ phase: 'collect', follow: null }, { phase: 'collect', follow: view('f', 'Mo', 1) }, 'me'),
    ).toEqual([{ kind: 'followStarted', name: 'Mo' }])
    const moved = { ...view('f', 'Mo', 1), at: 50, viewport: { x: 9, y: 9, w: 100, h: 100 } }
    expect(
      noticesBetween({ phase: 'collect', follow: view('f', 'Mo', 1) }, { phase: 'collect', follow: moved }, 'me'),
    ).toEqual([])
    expect(
      noticesBetween({ phase: 'collect', follow: view('f', 'Mo', 1) }, { phase: 'collect', follow: null }, 'me'),
    ).toEqual([{ kind: 'followEnded', name: 'Mo' }])
    expect(
      noticesBetween({ phase: 'collect', follow: null }, { phase: 'collect', follow: view('me', 'Ich', 1) }, 'me'),
    ).toEqual([])
  })

  it('ignores a round section that is not one', () => {
    expect(
      noticesBetween({ phase: 'vote', round: null }, { phase: 'vote', round: { id: 3, status: 'open' } }, 'me'),
    ).toEqual([])
  })
})

describe('supersede', () => {
  it('drops repeats collected in one burst', () => {
    expect(supersede([{ kind: 'roundClosed' }, { kind: 'roundClosed' }])).toEqual([{ kind: 'roundClosed' }])
  })
})
