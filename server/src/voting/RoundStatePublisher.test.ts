import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RoundStatePublisher } from './RoundStatePublisher.ts'
import type { RoundRow, VotingStore } from './VotingStore.ts'

const round: RoundRow = {
  id: 'r1',
  boardId: 'b1',
  status: 'open',
  dotsPerParticipant: 3,
  maxPerIdea: null,
  ideaIds: null,
  anonymous: true,
  durationSeconds: null,
  openedAt: 0,
  closesAt: null,
  closedAt: null,
  revealedAt: null,
  pausedRemainingMs: null,
}

/**
 * One instance of a two-instance deployment, with just enough of the room manager: what it
 * published to its sockets, what it signalled to the other instance, and a way to deliver the
 * other instance's signals.
 */
function instance() {
  let totalVotes = 0
  const store = {
    listRounds: async () => [round],
    tally: async () => ({ voters: totalVotes, totalVotes, ideas: [] }),
  } as unknown as VotingStore
  const published: number[] = []
  const signalled: boolean[] = []
  let onRound: (boardId: string, urgent: boolean) => void = () => {}
  const rooms = {
    addStateProvider: () => {},
    onSignal: (_topic: string, listener: typeof onRound) => (onRound = listener),
    signal: (_boardId: string, _topic: string, urgent: boolean) => signalled.push(urgent),
    getLoaded: () => ({
      setBoardState: (patch: { round: { totalVotes: number } }) => published.push(patch.round.totalVotes),
    }),
  } as unknown as ConstructorParameters<typeof RoundStatePublisher>[1]
  const publisher = new RoundStatePublisher(store, rooms, pino({ level: 'silent' }))
  return {
    publisher,
    published,
    signalled,
    /** Votes are in the shared database (here: the count the next tally reads). */
    setVotes: (n: number) => (totalVotes = n),
    fromOtherInstance: (urgent: boolean) => onRound('b1', urgent),
  }
}

describe('RoundStatePublisher on two instances', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 100_000 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it("merges the other instance's vote progress into its own rhythm: at most one publish per interval", async () => {
    const here = instance()
    // A burst: the other instance signals progress every 100 ms for 2 s (it would signal at
    // most every 500 ms; this is more than it ever sends).
    for (let i = 1; i <= 20; i++) {
      here.setVotes(i * 10)
      here.fromOtherInstance(false)
      await vi.advanceTimersByTimeAsync(100)
    }
    await vi.advanceTimersByTimeAsync(1000)
    // Leading edge at 0 ms, then one per 500 ms: 0, 500, 1000, 1500, 2000.
    expect(here.published.length).toBeLessThanOrEqual(5)
    expect(here.published.at(-1)).toBe(200)
    // Publishing what another instance counted is not news for the other instances.
    expect(here.signalled).toEqual([])
    here.publisher.stop()
  })

  it('a vote taken here while a merged publish is pending still tells the other instance', async () => {
    const here = instance()
    here.setVotes(1)
    here.fromOtherInstance(false) // published at once (nothing published before)
    await vi.advanceTimersByTimeAsync(0)
    here.setVotes(2)
    here.fromOtherInstance(false) // within the interval: pending
    here.setVotes(3)
    here.publisher.progress('b1') // our own vote joins the pending publish
    await vi.advanceTimersByTimeAsync(600)
    expect(here.published).toEqual([1, 3])
    expect(here.signalled).toEqual([false])
    here.publisher.stop()
  })

  it('round opened, closed or revealed elsewhere is published at once, however recent the last publish', async () => {
    const here = instance()
    here.setVotes(5)
    here.fromOtherInstance(false)
    await vi.advanceTimersByTimeAsync(0)
    here.setVotes(6)
    here.fromOtherInstance(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(here.published).toEqual([5, 6])
    // And what this instance opens or closes tells the others urgently.
    await here.publisher.publishNow('b1')
    expect(here.signalled).toEqual([true])
    here.publisher.stop()
  })

  it('its own votes are published after the interval and signalled as progress, not as urgent', async () => {
    const here = instance()
    here.setVotes(1)
    here.publisher.progress('b1')
    here.publisher.progress('b1')
    expect(here.published).toEqual([])
    await vi.advanceTimersByTimeAsync(500)
    expect(here.published).toEqual([1])
    expect(here.signalled).toEqual([false])
    here.publisher.stop()
  })
})
