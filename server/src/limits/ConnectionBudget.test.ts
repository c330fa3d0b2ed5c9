import { describe, expect, it } from 'vitest'
import { ConnectionBudget, type ConnectionBudgetLimits, DEFAULT_CONNECTION_BUDGET } from './ConnectionBudget.ts'

const limits: ConnectionBudgetLimits = {
  updates: { perSecond: 10, burst: 5 },
  awareness: { perSecond: 2, burst: 2 },
  bytes: { perSecond: 1000, burst: 3000 },
}

/** A budget on a clock the test moves by hand. */
function budgetAt(l: ConnectionBudgetLimits = limits) {
  const clock = { ms: 0 }
  return { budget: new ConnectionBudget(l, () => clock.ms), clock }
}

const admitted = (budget: ConnectionBudget, lane: 'update' | 'awareness', count: number, bytes = 1) =>
  Array.from({ length: count }, () => budget.admit(lane, bytes)).filter(Boolean).length

describe('ConnectionBudget', () => {
  it('admits the burst at once, then the sustained rate', () => {
    const { budget, clock } = budgetAt()
    expect(admitted(budget, 'update', 20)).toBe(5)
    clock.ms = 100 // one token at 10/s
    expect(admitted(budget, 'update', 20)).toBe(1)
    clock.ms = 10_000 // refills to the burst, no further
    expect(admitted(budget, 'update', 20)).toBe(5)
  })

  it('counts presence apart from document messages: a cursor storm never costs an update', () => {
    const { budget } = budgetAt()
    expect(admitted(budget, 'awareness', 50)).toBe(2)
    expect(admitted(budget, 'update', 50)).toBe(5)
  })

  it('lets one message larger than the byte burst through, then waits until it is paid off', () => {
    const { budget, clock } = budgetAt()
    expect(budget.admit('update', 8000)).toBe(true) // a big sync step 2
    expect(budget.admit('update', 1)).toBe(false) // 5000 bytes in debt
    expect(budget.admit('awareness', 1)).toBe(false) // bytes are shared by both lanes
    clock.ms = 4_999
    expect(budget.admit('update', 1)).toBe(false)
    clock.ms = 5_001
    expect(budget.admit('update', 1)).toBe(true)
  })

  it('a refused message takes nothing from the budget', () => {
    const { budget, clock } = budgetAt()
    expect(admitted(budget, 'update', 5)).toBe(5)
    expect(admitted(budget, 'update', 1000, 100)).toBe(0)
    clock.ms = 100
    expect(budget.admit('update', 100)).toBe(true)
  })

  it('is full again once every bucket has refilled (then it can be forgotten)', () => {
    const { budget, clock } = budgetAt()
    expect(budget.isFull()).toBe(true)
    budget.admit('awareness', 2000)
    clock.ms = 1_000 // awareness refilled, bytes not yet
    expect(budget.isFull()).toBe(false)
    clock.ms = 2_000
    expect(budget.isFull()).toBe(true)
  })

  it('a rate of 0 means no limit', () => {
    const { budget } = budgetAt({ ...limits, updates: { perSecond: 0, burst: 0 }, bytes: { perSecond: 0, burst: 0 } })
    expect(admitted(budget, 'update', 10_000, 1_000_000)).toBe(10_000)
  })

  it('the defaults let an honest client through: 144 drag frames a second for 10 s with presence at 10 Hz', () => {
    const { budget, clock } = budgetAt(DEFAULT_CONNECTION_BUDGET)
    expect(budget.admit('update', 5 * 1024 * 1024)).toBe(true) // reconnect sync step 2 of 5 MB
    let refused = 0
    for (let frame = 0; frame < 1440; frame++) {
      clock.ms = 1000 + frame * (1000 / 144)
      if (!budget.admit('update', 2000)) refused++
      if (frame % 14 === 0 && !budget.admit('awareness', 300)) refused++
    }
    expect(refused).toBe(0)
  })

  it('the defaults stop a burst of 10,000 tiny updates after a few hundred', () => {
    const { budget } = budgetAt(DEFAULT_CONNECTION_BUDGET)
    expect(admitted(budget, 'update', 10_000, 40)).toBe(DEFAULT_CONNECTION_BUDGET.updates.burst)
  })
})
