import type { PrivateCardDto } from '@pinnwand/shared/privatePhase'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../api/apiClient.ts'
import {
  editPending,
  flushOutbox,
  type OutboxCard,
  outboxKey,
  readOutbox,
  rememberedPhase,
  removePending,
  rememberPhase,
  writeOutbox,
} from './privateOutbox.ts'

const api = vi.hoisted(() => ({
  addPrivateCard: vi.fn(),
  fetchPrivateCards: vi.fn(),
  updatePrivateCard: vi.fn(),
  deletePrivateCard: vi.fn(),
}))
vi.mock('./privatePhaseApi.ts', () => ({
  addPrivateCard: api.addPrivateCard,
  fetchPrivateCards: api.fetchPrivateCards,
  updatePrivateCard: api.updatePrivateCard,
  deletePrivateCard: api.deletePrivateCard,
}))
const { usePrivateCards } = await import('./privateCardsStore.ts')

const card = (text: string, n = 1): OutboxCard => ({ requestId: `req-${text}-000`, text, writtenAt: n })
const stored = (text: string, id = `id-${text}`): PrivateCardDto => ({
  id,
  text,
  author: 'Pia',
  authorId: 'p1',
  createdAt: 1,
  updatedAt: 1,
})
const memory = () => {
  const map = new Map<string, string>()
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  }
}
const offline = () => new TypeError('Failed to fetch')
const ended = () => new ApiError(409, 'no_private_phase', 'No private phase')

describe('private outbox storage', () => {
  it('keeps cards per board and person, and leaves no key when empty', () => {
    const storage = memory()
    const key = outboxKey('b1', 'p1')
    expect(key).not.toBe(outboxKey('b1', 'p2'))
    expect(key).not.toBe(outboxKey('b2', 'p1'))
    expect(writeOutbox(storage, key, { pending: [card('a')], undelivered: [] })).toBe(true)
    expect(readOutbox(storage, key)).toEqual({ pending: [card('a')], undelivered: [] })
    expect(readOutbox(storage, outboxKey('b1', 'p2'))).toEqual({ pending: [], undelivered: [] })
    writeOutbox(storage, key, { pending: [], undelivered: [] })
    expect(storage.map.size).toBe(0)
  })

  it('reads damaged or foreign data as empty, and drops malformed entries', () => {
    const storage = memory()
    storage.setItem('k', '{not json')
    expect(readOutbox(storage, 'k')).toEqual({ pending: [], undelivered: [] })
    storage.setItem('k', JSON.stringify({ pending: [card('ok'), { text: 1 }, null], undelivered: [card('x')] }))
    expect(readOutbox(storage, 'k')).toEqual({ pending: [card('ok')], undelivered: [] })
    expect(readOutbox(null, 'k')).toEqual({ pending: [], undelivered: [] })
  })

  it('answers false when storage refuses (full, blocked)', () => {
    const full = {
      ...memory(),
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(writeOutbox(full, 'k', { pending: [card('a')], undelivered: [] })).toBe(false)
    expect(writeOutbox(null, 'k', { pending: [card('a')], undelivered: [] })).toBe(false)
  })
})

describe('the remembered phase (for a reload without a connection)', () => {
  it('remembers a running phase per board and forgets it when the phase is over', () => {
    const storage = memory()
    rememberPhase(storage, 'b1', true)
    expect(rememberedPhase(storage, 'b1')).toBe(true)
    expect(rememberedPhase(storage, 'b2')).toBe(false)
    rememberPhase(storage, 'b1', false)
    expect(rememberedPhase(storage, 'b1')).toBe(false)
    expect(storage.map.size).toBe(0)
    expect(rememberedPhase(null, 'b1')).toBe(false)
  })
})

describe('changing a waiting card', () => {
  it('replaces only that card’s text and keeps its request id and time', () => {
    const pending = [card('a', 1), card('b', 2)]
    const edited = editPending(pending, card('b').requestId, 'b neu')
    expect(edited).toEqual([card('a', 1), { requestId: card('b').requestId, text: 'b neu', writtenAt: 2 }])
    expect(pending[1]!.text).toBe('b')
    expect(editPending(pending, 'req-unknown', 'x')).toEqual(pending)
  })

  it('removes only that card', () => {
    const pending = [card('a'), card('b'), card('c')]
    expect(removePending(pending, card('b').requestId).map((c) => c.text)).toEqual(['a', 'c'])
    expect(removePending(pending, 'req-unknown')).toEqual(pending)
  })
})

describe('flushing the outbox', () => {
  it('sends oldest first and stops at the first card without a connection', async () => {
    const order: string[] = []
    const sent: string[] = []
    const done = await flushOutbox(
      [card('a'), card('b'), card('c')],
      async (c) => {
        order.push(c.text)
        if (c.text === 'b') throw offline()
        return stored(c.text)
      },
      { sent: (c) => void sent.push(c.text), refused: () => expect.unreachable() },
    )
    expect(done).toBe(false)
    expect(order).toEqual(['a', 'b'])
    expect(sent).toEqual(['a'])
  })

  it('treats a server or proxy hiccup as "try again later", a refusal as final', async () => {
    for (const error of [new ApiError(502, 'bad_gateway', ''), new ApiError(429, 'rate_limited', '')]) {
      expect(
        await flushOutbox([card('a')], () => Promise.reject(error), {
          sent: () => expect.unreachable(),
          refused: () => expect.unreachable(),
        }),
      ).toBe(false)
    }
    const refused: { text: string; reason: string }[] = []
    const done = await flushOutbox(
      [card('late'), card('many'), card('next')],
      async (c) => {
        if (c.text === 'late') throw ended()
        if (c.text === 'many') throw new ApiError(409, 'too_many_private_cards', '')
        return stored(c.text)
      },
      { sent: () => undefined, refused: (c) => refused.push({ text: c.text, reason: c.reason }) },
    )
    expect(done).toBe(true)
    expect(refused).toEqual([
      { text: 'late', reason: 'ended' },
      { text: 'many', reason: 'too_many_private_cards' },
    ])
  })
})

describe('the private-cards store with its outbox', () => {
  beforeEach(() => {
    localStorage.clear()
    api.addPrivateCard.mockReset()
    api.updatePrivateCard.mockReset().mockResolvedValue(undefined)
    api.deletePrivateCard.mockReset().mockResolvedValue(undefined)
    api.fetchPrivateCards.mockReset().mockResolvedValue({ phase: null, cards: [] })
    usePrivateCards.setState({ cards: [], pending: [], undelivered: [], outbox: null, draft: null })
    usePrivateCards.getState().openOutbox('b1', 'p1')
  })

  it('keeps a card written offline, survives a reload, and sends it once with its request id', async () => {
    const store = usePrivateCards.getState()
    expect(await store.write('b1', 'im Zug geschrieben', 'tok', false)).toBe('queued')
    expect(api.addPrivateCard).not.toHaveBeenCalled()
    // A reload: the store starts empty and reads the outbox again.
    usePrivateCards.setState({ pending: [], outbox: null })
    usePrivateCards.getState().openOutbox('b1', 'p1')
    const [waiting] = usePrivateCards.getState().pending
    expect(waiting?.text).toBe('im Zug geschrieben')

    // Back online: the first answer is lost, the second attempt carries the same id.
    api.addPrivateCard.mockRejectedValueOnce(offline())
    await usePrivateCards.getState().flush('b1', 'tok')
    expect(usePrivateCards.getState().pending).toHaveLength(1)
    api.addPrivateCard.mockResolvedValueOnce(stored('im Zug geschrieben'))
    api.fetchPrivateCards.mockResolvedValue({ phase: null, cards: [stored('im Zug geschrieben')] })
    await usePrivateCards.getState().flush('b1', 'tok')
    expect(api.addPrivateCard.mock.calls.map((call) => call[3])).toEqual([waiting!.requestId, waiting!.requestId])
    expect(usePrivateCards.getState().pending).toEqual([])
    expect(usePrivateCards.getState().cards.map((c) => c.text)).toEqual(['im Zug geschrieben'])
    expect(localStorage.getItem(outboxKey('b1', 'p1'))).toBeNull()
  })

  it('queues a card whose send fails for want of a connection, but throws a refusal as before', async () => {
    api.addPrivateCard.mockRejectedValueOnce(offline())
    expect(await usePrivateCards.getState().write('b1', 'Funkloch', 'tok', true)).toBe('queued')
    // While something waits, a new card queues behind it (order is kept).
    expect(await usePrivateCards.getState().write('b1', 'danach', 'tok', true)).toBe('queued')
    expect(usePrivateCards.getState().pending.map((c) => c.text)).toEqual(['Funkloch', 'danach'])
    usePrivateCards.setState({ pending: [] })
    api.addPrivateCard.mockRejectedValueOnce(new ApiError(409, 'too_many_private_cards', ''))
    await expect(usePrivateCards.getState().write('b1', 'zu viel', 'tok', true)).rejects.toThrow()
    expect(usePrivateCards.getState().pending).toEqual([])
  })

  it('keeps the text of a card that arrives after the reveal, to put into the idea field', async () => {
    await usePrivateCards.getState().write('b1', 'zu spät', 'tok', false)
    api.addPrivateCard.mockRejectedValueOnce(ended())
    await usePrivateCards.getState().flush('b1', 'tok')
    const { pending, undelivered } = usePrivateCards.getState()
    expect(pending).toEqual([])
    expect(undelivered.map((c) => [c.text, c.reason])).toEqual([['zu spät', 'ended']])
    // Still there after a reload.
    usePrivateCards.setState({ undelivered: [], outbox: null })
    usePrivateCards.getState().openOutbox('b1', 'p1')
    expect(usePrivateCards.getState().undelivered).toHaveLength(1)
    usePrivateCards.getState().reuse(undelivered[0]!.requestId)
    expect(usePrivateCards.getState().draft).toEqual({ text: 'zu spät', seq: 1 })
    expect(usePrivateCards.getState().undelivered).toEqual([])
    expect(localStorage.getItem(outboxKey('b1', 'p1'))).toBeNull()
  })

  it('runs one flush at a time: a second call while one runs sends nothing twice', async () => {
    await usePrivateCards.getState().write('b1', 'eins', 'tok', false)
    let release!: () => void
    api.addPrivateCard.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve(stored('eins')))))
    const first = usePrivateCards.getState().flush('b1', 'tok')
    const second = usePrivateCards.getState().flush('b1', 'tok')
    release()
    await Promise.all([first, second])
    expect(api.addPrivateCard).toHaveBeenCalledTimes(1)
  })

  it('edits and deletes waiting cards: stored on the device, sent as they are now, with their own ids', async () => {
    const store = usePrivateCards.getState()
    await store.write('b1', 'Erster Entwurf', 'tok', false)
    await store.write('b1', 'Doch nicht', 'tok', false)
    await store.write('b1', 'Bleibt', 'tok', false)
    const [first, second, third] = usePrivateCards.getState().pending
    usePrivateCards.getState().editPending(first!.requestId, 'Zweiter Entwurf')
    usePrivateCards.getState().removePending(second!.requestId)
    // A reload: the outbox on the device holds the change and not the deleted card.
    usePrivateCards.setState({ pending: [], outbox: null })
    usePrivateCards.getState().openOutbox('b1', 'p1')
    expect(usePrivateCards.getState().pending).toEqual([{ ...first!, text: 'Zweiter Entwurf' }, third])
    api.addPrivateCard.mockImplementation(async (_b: string, text: string) => stored(text))
    await usePrivateCards.getState().flush('b1', 'tok')
    expect(api.addPrivateCard.mock.calls.map((call) => [call[1], call[3]])).toEqual([
      ['Zweiter Entwurf', first!.requestId],
      ['Bleibt', third!.requestId],
    ])
    expect(api.updatePrivateCard).not.toHaveBeenCalled()
    expect(api.deletePrivateCard).not.toHaveBeenCalled()
    expect(localStorage.getItem(outboxKey('b1', 'p1'))).toBeNull()
  })

  it('corrects a card changed or deleted while it was being sent', async () => {
    await usePrivateCards.getState().write('b1', 'alt', 'tok', false)
    await usePrivateCards.getState().write('b1', 'weg', 'tok', false)
    const [changed, deleted] = usePrivateCards.getState().pending
    const answers: (() => void)[] = []
    api.addPrivateCard.mockImplementation(
      (_b: string, text: string) => new Promise((resolve) => answers.push(() => resolve(stored(text)))),
    )
    api.fetchPrivateCards.mockResolvedValue({ phase: null, cards: [stored('neu', 'id-alt')] })
    const flushing = usePrivateCards.getState().flush('b1', 'tok')
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    usePrivateCards.getState().editPending(changed!.requestId, 'neu')
    answers[0]!()
    await vi.waitFor(() => expect(answers).toHaveLength(2))
    usePrivateCards.getState().removePending(deleted!.requestId)
    answers[1]!()
    await flushing
    expect(api.updatePrivateCard).toHaveBeenCalledWith('b1', 'id-alt', 'neu', 'tok')
    expect(api.deletePrivateCard).toHaveBeenCalledWith('b1', 'id-weg', 'tok')
    expect(usePrivateCards.getState().pending).toEqual([])
  })

  it('a card deleted before its turn is never sent', async () => {
    await usePrivateCards.getState().write('b1', 'eins', 'tok', false)
    await usePrivateCards.getState().write('b1', 'zwei', 'tok', false)
    const [one, two] = usePrivateCards.getState().pending
    let release!: () => void
    api.addPrivateCard.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve(stored('eins')))))
    const flushing = usePrivateCards.getState().flush('b1', 'tok')
    usePrivateCards.getState().removePending(two!.requestId)
    release()
    await flushing
    expect(api.addPrivateCard.mock.calls.map((call) => call[3])).toEqual([one!.requestId])
    expect(api.deletePrivateCard).not.toHaveBeenCalled()
  })
})
