import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, describe, expect, it } from 'vitest'
import type { BoardStateMessage } from '@pinnwand/shared/boardState'
import { useSession } from '../state/sessionStore.ts'
import { useCardBallot } from './useBallot.ts'
import { type RoundRules, useRoundRules } from './useRound.ts'
import { ballotKey, useVoting } from './votingStore.ts'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const round: RoundRules = {
  id: 'r1',
  status: 'open',
  dotsPerParticipant: 3,
  maxPerIdea: null,
  eligibleIdeaIds: null,
  anonymous: true,
  closesAt: null,
}

const renders = new Map<string, number>()

function Card({ id }: { id: string }) {
  const { mine, full } = useCardBallot(round, 'token', id)
  renders.set(id, (renders.get(id) ?? 0) + 1)
  return <span data-id={id}>{`${mine}${full ? ' full' : ''}`}</span>
}

const setConfirmed = (confirmed: Record<string, number>) =>
  act(() =>
    useVoting.setState({
      ballots: { [ballotKey('r1', null)]: { confirmed, loaded: true, pending: [], waiting: false } },
    }),
  )

afterEach(() => {
  renders.clear()
  useVoting.setState({ ballots: {} })
})

describe('useCardBallot', () => {
  it('re-renders only the card a tap changed, and every card when the last dot is placed', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `shape:idea${i}`)
    const container = document.createElement('div')
    const root = createRoot(container)
    await setConfirmed({})
    act(() => root.render(ids.map((id) => <Card key={id} id={id} />)))
    renders.clear()

    await setConfirmed({ 'shape:idea3': 1 })
    expect([...renders.keys()]).toEqual(['shape:idea3'])
    expect(container.querySelector('[data-id="shape:idea3"]')!.textContent).toBe('1')

    renders.clear()
    await setConfirmed({ 'shape:idea3': 1, 'shape:idea5': 1 })
    expect([...renders.keys()]).toEqual(['shape:idea5'])

    // The third dot uses up the budget: every card's "give a dot" turns off.
    renders.clear()
    await setConfirmed({ 'shape:idea3': 1, 'shape:idea5': 1, 'shape:idea7': 1 })
    expect(renders.size).toBe(ids.length)
    expect(container.querySelector('[data-id="shape:idea0"]')!.textContent).toBe('0 full')
    act(() => root.unmount())
  })
})

describe('useRoundRules', () => {
  it('keeps its answer while only the progress changes, and follows a change of the rules', () => {
    const section = { ...round, voters: 0, totalVotes: 0 }
    const publish = (extra: object) =>
      act(() =>
        useSession.getState().setBoardState({
          locked: false,
          phase: 'vote',
          round: { ...section, ...extra },
        } as unknown as BoardStateMessage),
      )
    const seen: (RoundRules | null)[] = []
    function Probe() {
      seen.push(useRoundRules())
      return null
    }
    const root = createRoot(document.createElement('div'))
    publish({})
    act(() => root.render(<Probe />))
    expect(seen[0]).toMatchObject(round)
    publish({ voters: 40, totalVotes: 97 })
    publish({ voters: 41, totalVotes: 100 })
    expect(seen).toHaveLength(1)
    publish({ status: 'closed', voters: 41, totalVotes: 100 })
    expect(seen).toHaveLength(2)
    expect(seen[1]).toMatchObject({ status: 'closed' })
    act(() => root.unmount())
    act(() => useSession.getState().setBoardState(null))
  })
})
