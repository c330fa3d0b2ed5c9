import { describe, expect, it } from 'vitest'
import {
  CROWD_DELAY_MS,
  CROWD_JITTER_MS,
  isOtherDeviceOf,
  OTHER_DEVICE_DELAY_MS,
  ownCardsRefreshDelay,
} from './ownCardsRefresh.ts'

describe('when a device re-reads its person’s own cards', () => {
  it('soon while another device of the person is seen, seldom and jittered in a crowd, else never', () => {
    expect(ownCardsRefreshDelay({ otherDevice: true, crowded: true })).toBe(OTHER_DEVICE_DELAY_MS)
    expect(ownCardsRefreshDelay({ otherDevice: false, crowded: true }, () => 0)).toBe(CROWD_DELAY_MS)
    expect(ownCardsRefreshDelay({ otherDevice: false, crowded: true }, () => 1)).toBe(CROWD_DELAY_MS + CROWD_JITTER_MS)
    expect(ownCardsRefreshDelay({ otherDevice: false, crowded: false })).toBeNull()
  })

  it('knows another device of the person by its presence, not this one or anyone else', () => {
    const mine = { user: { id: 'p1', name: 'Pia' } }
    expect(isOtherDeviceOf('p1', 2, 1, mine)).toBe(true)
    expect(isOtherDeviceOf('p1', 1, 1, mine)).toBe(false)
    expect(isOtherDeviceOf('p1', 3, 1, { user: { id: 'p2' } })).toBe(false)
    for (const junk of [null, 'p1', { user: 'p1' }, { user: null }])
      expect(isOtherDeviceOf('p1', 4, 1, junk)).toBe(false)
  })
})
