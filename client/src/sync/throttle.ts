/**
 * Leading and trailing throttle: runs at most once per `intervalMs`, and always runs once more
 * after the last call, so the final cursor position is never lost.
 */
export function throttle(fn: () => void, intervalMs: number): { (): void; cancel(): void } {
  let last = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  const run = () => {
    timer = null
    last = Date.now()
    fn()
  }
  const throttled = () => {
    if (timer) return
    const wait = intervalMs - (Date.now() - last)
    if (wait <= 0) run()
    else timer = setTimeout(run, wait)
  }
  throttled.cancel = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  return throttled
}
