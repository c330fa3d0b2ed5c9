import type { BoardStateMessage } from '@pinnwand/shared/boardState'
import { CLIENT_REQUEST_ID_MAX, refusedCardRequestId } from '@pinnwand/shared/heldBackCards'
import i18next, { type TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api/apiClient.ts'
import { translations } from '../../i18n/locales.ts'
import { withRequestedText } from '../ideaFieldRequest.ts'
import { caughtTexts } from './catchHeldBackCards.ts'
import { heldBackKind } from './heldBackKind.ts'
import { describeHeldBack } from './HeldBackToasts.tsx'
import type { HeldBackNotice } from './heldBackNotice.ts'

const state = (extra: Partial<BoardStateMessage>): BoardStateMessage =>
  ({ locked: false, phase: 'collect', ...extra }) as BoardStateMessage
const phase = { since: 1, facilitatorSeesTexts: false, cards: 0, changedAt: 1 }
const moderationOn = { on: true, waiting: 0, rejected: 0, changedAt: 1 }

describe('whose new cards are held back, and why', () => {
  it('holds back a participant’s cards during Stilles Sammeln first, then on a moderated board', () => {
    expect(heldBackKind('participant', state({ privatePhase: phase, moderation: moderationOn }), false)).toBe(
      'privatePhase',
    )
    expect(heldBackKind('participant', state({ moderation: moderationOn }), false)).toBe('moderation')
    expect(heldBackKind('participant', state({ moderation: { ...moderationOn, on: false } }), false)).toBeNull()
    expect(heldBackKind('participant', state({ privatePhase: null }), true)).toBeNull()
  })

  it('never holds back the facilitator or the projector', () => {
    const both = state({ privatePhase: phase, moderation: moderationOn })
    expect(heldBackKind('facilitator', both, true)).toBeNull()
    expect(heldBackKind('projector', both, true)).toBeNull()
  })

  it('without a board state yet, trusts the phase this device last heard of', () => {
    expect(heldBackKind('participant', null, true)).toBe('privatePhase')
    expect(heldBackKind('participant', null, false)).toBeNull()
  })
})

describe('caught cards', () => {
  it('keeps the reading order of a pasted group and counts empty cards apart', () => {
    const cards = [
      { id: 'shape:u', text: 'unten', x: 0, y: 200 },
      { id: 'shape:r', text: '  rechts ', x: 300, y: 0 },
      { id: 'shape:e', text: '', x: 0, y: 100 },
      { id: 'shape:l', text: 'links', x: 0, y: 0 },
    ]
    expect(caughtTexts(cards)).toEqual({
      texts: [
        { text: 'links', requestId: 'refused:shape:l' },
        { text: 'rechts', requestId: 'refused:shape:r' },
        { text: 'unten', requestId: 'refused:shape:u' },
      ],
      empty: 1,
    })
  })

  it('sends each card under the id the server keeps the same card under, short enough for the routes', () => {
    const usual = 'shape:V1StGXR8_Z5jdHi6B-myT'
    expect(refusedCardRequestId(usual)).toBe(`refused:${usual}`)
    // A plenary's card ids are long; shortened, two of them still differ and fit.
    const long = `shape:shortlist_${'b'.repeat(36)}_held-${'1'.repeat(36)}`
    const other = `${long.slice(0, -1)}2`
    expect(refusedCardRequestId(long).length).toBeLessThanOrEqual(CLIENT_REQUEST_ID_MAX)
    expect(refusedCardRequestId(long)).toBe(refusedCardRequestId(long))
    expect(refusedCardRequestId(long)).not.toBe(refusedCardRequestId(other))
  })
})

describe('the "add idea" field takes a held-back text', () => {
  it('after what the person typed, never instead of it', () => {
    expect(withRequestedText('', 'Neu')).toBe('Neu')
    expect(withRequestedText('Meins  ', 'Neu')).toBe('Meins\nNeu')
    expect(withRequestedText('Meins', null)).toBe('Meins')
  })
})

describe('what a person hears of cards made outside the field', () => {
  const i18n = i18next.createInstance()
  let t: TFunction
  const notice = (extra: Partial<HeldBackNotice>): HeldBackNotice => ({
    kind: 'privatePhase',
    sent: 0,
    queued: 0,
    failed: 0,
    empty: 0,
    cause: null,
    tool: false,
    ...extra,
  })

  it('names each outcome, with plurals', async () => {
    t = await i18n.init({
      resources: { en: { translation: translations.en } },
      lng: 'en',
      interpolation: { escapeValue: false },
    })
    expect(describeHeldBack(t, notice({ sent: 2 }))).toBe(
      'Your 2 cards are now private cards: only you see them until the reveal.',
    )
    expect(describeHeldBack(t, notice({ kind: 'moderation', sent: 1 }))).toBe(
      "Your card is now waiting for the facilitator's approval.",
    )
    expect(describeHeldBack(t, notice({ kind: 'moderation', failed: 1, cause: 'offline' }))).toBe(
      'A card could not be sent. You are offline right now. Your text is in the idea field now.',
    )
    expect(
      describeHeldBack(t, notice({ failed: 1, cause: new ApiError(409, 'too_many_private_cards', 'x') })),
    ).toContain('could not be sent')
    expect(describeHeldBack(t, notice({ empty: 1 }))).toBe(
      'An empty card was not kept. Please write new cards in the idea field now. They stay private until the facilitator reveals them.',
    )
    expect(describeHeldBack(t, notice({ tool: true, kind: 'moderation' }))).toContain('once the facilitator approves')
  })
})
