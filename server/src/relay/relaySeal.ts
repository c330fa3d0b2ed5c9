import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

const MAC_BYTES = 32

/**
 * Signs relay messages so that only instances of this deployment can publish them. Anyone who
 * reaches Redis can publish on a board's channel; without this, a forged `update` was integrated
 * unreviewed, a forged `disconnect` closed anyone's socket and a forged `state` locked a board
 * (issue 12, found by server/test/fuzz/relayFuzz.test.ts). HMAC-SHA256 over the whole message.
 */
export class RelaySeal {
  private readonly key: Buffer

  constructor(secret: string) {
    this.key = createHash('sha256').update(`pinnwand relay\0${secret}`).digest()
  }

  seal(body: Uint8Array): Buffer {
    return Buffer.concat([this.mac(body), body])
  }

  /** The body of a correctly signed message, else null. */
  open(data: Uint8Array): Uint8Array | null {
    if (data.byteLength <= MAC_BYTES) return null
    const body = data.subarray(MAC_BYTES)
    return timingSafeEqual(this.mac(body), data.subarray(0, MAC_BYTES)) ? body : null
  }

  private mac(body: Uint8Array): Buffer {
    return createHmac('sha256', this.key).update(body).digest()
  }
}

/**
 * RELAY_SECRET, or else what every instance of one deployment already shares: the database's
 * user, password and name (not its host, which may differ per instance). Without a database
 * password that is guessable: set RELAY_SECRET then (docs/operations.md).
 */
export function relaySecret(config: { relaySecret?: string; databaseUrl?: string; redisUrl?: string }): string {
  if (config.relaySecret) return config.relaySecret
  const source = config.databaseUrl ?? config.redisUrl ?? ''
  try {
    const url = new URL(source)
    return `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}@${url.pathname}`
  } catch {
    return source
  }
}
