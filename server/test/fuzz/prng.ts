/** A seeded PRNG (mulberry32): the same seed plays the same run. */
export class Prng {
  private state: number
  readonly seed: number

  constructor(seed: number) {
    this.seed = seed
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[this.int(items.length)]!
  }

  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(options: readonly (readonly [number, T])[]): T {
    const total = options.reduce((sum, [w]) => sum + w, 0)
    let r = this.next() * total
    for (const [w, value] of options) {
      if ((r -= w) < 0) return value
    }
    return options.at(-1)![1]
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffleInPlace<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      ;[items[i], items[j]] = [items[j]!, items[i]!]
    }
    return items
  }

  /** A Yjs-like client id (uint32, never 0). */
  clientId(): number {
    return (Math.floor(this.next() * 0xfffffff0) >>> 0) + 1
  }

  word(length = 1 + this.int(12)): string {
    const letters = 'abcdefghijklmnopqrstuvwxyzäöüß '
    let out = ''
    for (let i = 0; i < length; i++) out += letters[this.int(letters.length)]
    return out
  }
}
