import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RoundTimer } from './RoundTimer.ts'
import type { RoundRow, VotingStore } from './VotingStore.ts'

/** Just enough of a store: open rounds with deadlines, closed when due. */
function fakeStore(rounds: Pick<RoundRow, 'id' | 'closesAt'>[]) {
  const open = new Map(rounds.map((r) => [r.id, r]))
  const closed: string[] = []
  const store = {
    listTimedOpenRounds: async () => [...open.values()],
    getRound: async (id: string) => {
      const round = open.get(id)
      return round ? { ...round, status: 'open' } : null
    },
    closeOverdueRounds: async (now: number) => {
      const due = [...open.values()].filter((r) => r.closesAt !== null && r.closesAt <= now).map((r) => r.id)
      for (const id of due) open.delete(id)
      closed.push(...due)
      return due
    },
  } as unknown as VotingStore
  return { store, closed, open }
}

describe('RoundTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 10_000 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('closes overdue rounds at start and the others at their deadline', async () => {
    const { store, closed } = fakeStore([
      { id: 'overdue', closesAt: 9_000 },
      { id: 'soon', closesAt: 12_000 },
      { id: 'later', closesAt: 20_000 },
    ])
    const timer = new RoundTimer(store, { logger: pino({ level: 'silent' }) })
    const heard: string[][] = []
    timer.onClosed((ids) => heard.push(ids))
    await timer.start()
    expect(closed).toEqual(['overdue'])
    await vi.advanceTimersByTimeAsync(1_999)
    expect(closed).toEqual(['overdue'])
    await vi.advanceTimersByTimeAsync(100)
    expect(closed).toEqual(['overdue', 'soon'])
    await vi.advanceTimersByTimeAsync(8_000)
    expect(closed).toEqual(['overdue', 'soon', 'later'])
    expect(heard).toEqual([['overdue'], ['soon'], ['later']])
    await timer.stop()
  })

  it('does nothing more once stopped', async () => {
    const { store, closed } = fakeStore([])
    const timer = new RoundTimer(store, { logger: pino({ level: 'silent' }), sweepMs: 1_000 })
    await timer.start()
    timer.schedule({ id: 'x', closesAt: 11_000 })
    await timer.stop()
    timer.schedule({ id: 'y', closesAt: 11_000 })
    await vi.advanceTimersByTimeAsync(5_000)
    expect(closed).toEqual([])
  })

  it('a sweep catches rounds it was never told about (opened on another instance)', async () => {
    const { store, closed, open } = fakeStore([])
    const timer = new RoundTimer(store, { logger: pino({ level: 'silent' }), sweepMs: 1_000 })
    await timer.start()
    open.set('elsewhere', { id: 'elsewhere', closesAt: 10_500 })
    await vi.advanceTimersByTimeAsync(1_000)
    expect(closed).toEqual(['elsewhere'])
    await timer.stop()
  })

  it('follows a deadline moved elsewhere (extended on another instance) without waiting for the sweep', async () => {
    const { store, closed, open } = fakeStore([{ id: 'moved', closesAt: 12_000 }])
    const timer = new RoundTimer(store, { logger: pino({ level: 'silent' }), sweepMs: 60_000 })
    await timer.start()
    open.set('moved', { id: 'moved', closesAt: 15_000 })
    await vi.advanceTimersByTimeAsync(2_100)
    expect(closed).toEqual([])
    await vi.advanceTimersByTimeAsync(3_000)
    expect(closed).toEqual(['moved'])
    await timer.stop()
  })

  it('apply() disarms a paused round and re-arms it at the new deadline', async () => {
    const { store, closed, open } = fakeStore([{ id: 'p', closesAt: 12_000 }])
    const timer = new RoundTimer(store, { logger: pino({ level: 'silent' }), sweepMs: 60_000 })
    await timer.start()
    open.set('p', { id: 'p', closesAt: null })
    timer.apply({ id: 'p', closesAt: null })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(closed).toEqual([])
    open.set('p', { id: 'p', closesAt: 21_000 })
    timer.apply({ id: 'p', closesAt: 21_000 })
    await vi.advanceTimersByTimeAsync(1_100)
    expect(closed).toEqual(['p'])
    await timer.stop()
  })
})
