/**
 * Open connections per client address. Venue networks put hundreds of people behind one NAT
 * address, so the limit is generous by default; it stops one runaway script, not a hall.
 */
export class ConnectionLimiter {
  private readonly open = new Map<string, number>()
  private readonly max: number

  /** `max` 0 means no limit. */
  constructor(max: number) {
    this.max = max
  }

  tryAcquire(address: string): boolean {
    const count = this.open.get(address) ?? 0
    if (this.max > 0 && count >= this.max) return false
    this.open.set(address, count + 1)
    return true
  }

  release(address: string): void {
    const count = (this.open.get(address) ?? 0) - 1
    if (count > 0) this.open.set(address, count)
    else this.open.delete(address)
  }

  countOf(address: string): number {
    return this.open.get(address) ?? 0
  }
}
