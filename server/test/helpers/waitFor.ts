/**
 * Polls `predicate` until it holds (or returns a value other than false/undefined/null).
 * Tests wait for observable events this way instead of sleeping a guessed amount of time.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  { timeout = 5_000, interval = 10, what = 'condition' }: { timeout?: number; interval?: number; what?: string } = {},
): Promise<Exclude<T, false | null | undefined>> {
  const deadline = Date.now() + timeout
  let lastError: unknown
  for (;;) {
    try {
      const value = await predicate()
      if (value !== false && value !== null && value !== undefined) return value as Exclude<T, false | null | undefined>
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`)
    }
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}

/** A promise with its resolve/reject exposed, for steering async code step by step. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void
  let reject!: (error: Error) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}
