import type { CastVoteResponse } from '@pinnwand/shared/votingApi'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/apiClient.ts'
import type { PendingTap } from './ballot.ts'
import { VoteQueue } from './voteQueue.ts'
import { RetryableError } from './votingHttp.ts'

const tap = (n: number, delta: 1 | -1 = 1): PendingTap => ({ requestId: `r${n}`, ideaId: 'a', delta })

function harness(answers: ((tap: PendingTap) => Promise<CastVoteResponse>)[]) {
  const log: string[] = []
  const sent: string[] = []
  let call = 0
  const idle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))
  const queue = new VoteQueue({
    send: (t) => {
      sent.push(t.requestId)
      return answers[Math.min(call++, answers.length - 1)]!(t)
    },
    sleep: idle,
    events: {
      accepted: (t, answer) => log.push(`ok ${t.requestId} ${answer.remaining}`),
      refused: (t, error) => log.push(`no ${t.requestId} ${error.code}`),
      waiting: (t) => log.push(`wait ${t.requestId}`),
    },
  })
  return { queue, log, sent }
}

const ok = (remaining: number) => async () => ({ myVotes: {}, remaining })
const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('VoteQueue', () => {
  it('sends taps one at a time, in order', async () => {
    const { queue, log, sent } = harness([ok(2), ok(1), ok(0)])
    queue.push(tap(1))
    queue.push(tap(2))
    queue.push(tap(3))
    await settle()
    expect(sent).toEqual(['r1', 'r2', 'r3'])
    expect(log).toEqual(['ok r1 2', 'ok r2 1', 'ok r3 0'])
  })

  it('retries a tap that could not be sent with the same request id, keeping the order', async () => {
    const { queue, log, sent } = harness([
      async () => {
        throw new TypeError('Failed to fetch')
      },
      async () => {
        throw new RetryableError(429, 'rate_limited', 'slow down', 10)
      },
      ok(2),
      ok(1),
    ])
    queue.push(tap(1))
    queue.push(tap(2))
    await settle()
    expect(sent).toEqual(['r1', 'r1', 'r1', 'r2'])
    expect(log).toEqual(['wait r1', 'wait r1', 'ok r1 2', 'ok r2 1'])
  })

  it('drops a refused tap and goes on with the next', async () => {
    const { queue, log } = harness([
      async () => {
        throw new ApiError(409, 'budget_exhausted', 'no')
      },
      ok(0),
    ])
    queue.push(tap(1))
    queue.push(tap(2, -1))
    await settle()
    expect(log).toEqual(['no r1 budget_exhausted', 'ok r2 0'])
  })

  it('stops for good when told to', async () => {
    const { queue, sent } = harness([
      async () => {
        throw new TypeError('offline')
      },
    ])
    queue.push(tap(1))
    await settle()
    expect(queue.stop()).toHaveLength(1)
    const before = sent.length
    await settle()
    expect(sent.length).toBe(before)
  })
})
