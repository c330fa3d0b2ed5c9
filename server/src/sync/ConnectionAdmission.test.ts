import { CloseCode } from '@pinnwand/shared'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { ClientIdBindings } from './ClientIdBindings.ts'
import { type AdmissionRoom, type CloseVerdict, ConnectionAdmission } from './ConnectionAdmission.ts'
import type { ClientMessage } from './messages.ts'
import { deferred } from '../../test/helpers/waitFor.ts'

type Conn = { readonly actor: { readonly userId: string }; readonly name: string }

const update = (n: number): ClientMessage & { kind: 'sync-update' } => ({
  kind: 'sync-update',
  update: new Uint8Array([n]),
  live: true,
})
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

/** A room that records what admission hands back to it. */
function setup({
  catchUp,
  refuseAfterCatchUp = false,
}: {
  catchUp?: () => Promise<void>
  refuseAfterCatchUp?: boolean
}) {
  const store = deferred<Map<number, string>>()
  const bindings = new ClientIdBindings(() => store.promise)
  const received: string[] = []
  const closed: CloseVerdict[] = []
  const connected = new Set<Conn>()
  const room: AdmissionRoom<Conn> = {
    boardId: 'b1',
    logger: pino({ level: 'silent' }),
    isConnected: (c) => connected.has(c),
    receive: (c, m) => {
      received.push(`${c.name}:${m.kind}:${m.kind === 'sync-update' ? m.update[0] : ''}`)
      return null
    },
    receiveAfterCatchUp: (c, u) => {
      received.push(`${c.name}:again:${u[0]}`)
      return refuseAfterCatchUp ? { closeCode: CloseCode.foreignClientId, reason: 'still foreign' } : null
    },
    close: (_c, verdict) => void closed.push(verdict),
  }
  const admission = new ConnectionAdmission(room, bindings, catchUp ? { catchUp } : {})
  const ada: Conn = { actor: { userId: 'ada' }, name: 'ada' }
  connected.add(ada)
  return { admission, store, received, closed, connected, ada }
}

describe('ConnectionAdmission', () => {
  it('queues what a connection sends while its claim runs, and replays it in order', async () => {
    const { admission, store, received, ada } = setup({})
    expect(admission.queueIfWaiting(ada, update(0))).toBe(false)
    admission.claimThenReceive(ada, update(1), [7], true)
    expect(admission.queueIfWaiting(ada, { kind: 'sync-step1', stateVector: new Uint8Array([0]) })).toBe(true)
    expect(admission.queueIfWaiting(ada, update(2))).toBe(true)
    expect(received).toEqual([])
    store.resolve(new Map([[7, 'ada']]))
    await settle()
    expect(received).toEqual(['ada:sync-update:1', 'ada:sync-step1:', 'ada:sync-update:2'])
    expect(admission.queueIfWaiting(ada, update(3))).toBe(false)
  })

  it('drops what a connection queued when it leaves during the claim', async () => {
    const { admission, store, received, closed, ada } = setup({})
    admission.claimThenReceive(ada, update(1), [7], true)
    admission.queueIfWaiting(ada, update(2))
    admission.forget(ada)
    store.resolve(new Map([[7, 'ada']]))
    await settle()
    expect(received).toEqual([])
    expect(closed).toEqual([])
  })

  it("refuses someone else's client id with 4423 on one instance, and closes on a failed claim", async () => {
    const one = setup({})
    one.admission.claimThenReceive(one.ada, update(1), [7], true)
    one.store.resolve(new Map([[7, 'bob']]))
    await settle()
    expect(one.closed).toEqual([
      { closeCode: CloseCode.foreignClientId, reason: 'client id 7 belongs to someone else' },
    ])
    expect(one.received).toEqual([])

    const failing = setup({})
    failing.admission.claimThenReceive(failing.ada, update(1), [7], true)
    failing.store.reject(new Error('database down'))
    await settle()
    expect(failing.closed.map((v) => v.closeCode)).toEqual([CloseCode.serverShutdown])
  })

  it('with peers, catches up once before refusing, then replays what waited', async () => {
    const caughtUp = deferred<void>()
    let catchUps = 0
    const { admission, store, received, closed, ada } = setup({
      catchUp: () => {
        catchUps++
        return caughtUp.promise
      },
    })
    expect(admission.mayCure({ closeCode: CloseCode.foreignClientId, reason: '' })).toBe(true)
    expect(admission.mayCure({ closeCode: CloseCode.documentTooLarge, reason: '' })).toBe(false)
    admission.claimThenReceive(ada, update(1), [7], true)
    admission.queueIfWaiting(ada, update(2))
    store.resolve(new Map([[7, 'bob']]))
    await settle()
    expect(catchUps).toBe(1)
    admission.queueIfWaiting(ada, update(3))
    caughtUp.resolve()
    await settle()
    expect(received).toEqual(['ada:again:1', 'ada:sync-update:2', 'ada:sync-update:3'])
    expect(closed).toEqual([])
  })

  it('closes with the first refusal when catching up fails, and with the new one when it still refuses', async () => {
    const failing = setup({ catchUp: () => Promise.reject(new Error('store down')) })
    const refusal = { closeCode: CloseCode.incompleteUpdate, reason: 'missing' }
    failing.admission.catchUpThenReceive(failing.ada, new Uint8Array([1]), true, refusal)
    await settle()
    expect(failing.closed).toEqual([refusal])

    const still = setup({ catchUp: () => Promise.resolve(), refuseAfterCatchUp: true })
    still.admission.catchUpThenReceive(still.ada, new Uint8Array([1]), true, refusal)
    await settle()
    expect(still.closed.map((v) => v.reason)).toEqual(['still foreign'])
  })

  it('without peers, nothing is curable by catching up', () => {
    const { admission } = setup({})
    expect(admission.mayCure({ closeCode: CloseCode.foreignClientId, reason: '' })).toBe(false)
  })
})
