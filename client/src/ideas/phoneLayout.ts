/** Below this width the board opens as a list: a canvas on a phone screen is unusable. */
export const PHONE_MAX_WIDTH = 599

export function isPhoneLayout(): boolean {
  return typeof window !== 'undefined' && window.matchMedia(`(max-width: ${PHONE_MAX_WIDTH}px)`).matches
}
