import { BOARD_STATE_MESSAGE, type BoardStateMessage } from '@pinnwand/shared'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { readVarUint } from '../load/awarenessCounting.ts'
import { monotonicMs } from './stats.ts'

/** One board-state message as it arrived (monotonic clock, shared by every process here). */
export interface StateSample {
  at: number
  state: BoardStateMessage
}

/**
 * A facilitator's board socket with the board-state channel (`?state=1`), as the web app opens
 * it: records every state message, so a bench can tell when what the facilitator sees (the
 * round's vote count, the phase) reached a value.
 */
export class BoardStateWatcher {
  readonly samples: StateSample[] = []
  private readonly provider: WebsocketProvider
  private readonly doc = new Y.Doc()

  constructor(wsUrl: string, boardId: string, token: string) {
    this.provider = new WebsocketProvider(wsUrl, boardId, this.doc, {
      params: { token, state: '1' },
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
    })
    this.provider.messageHandlers[BOARD_STATE_MESSAGE] = (_encoder, decoder) => {
      const d = decoder as unknown as { arr: Uint8Array; pos: number }
      const [length, start] = readVarUint(d.arr, d.pos)
      d.pos = start + length
      const text = new TextDecoder().decode(d.arr.subarray(start, start + length))
      this.samples.push({ at: monotonicMs(), state: JSON.parse(text) as BoardStateMessage })
    }
  }

  /** The first sample from `since` on that satisfies `check`, waiting up to `timeoutMs`. */
  async first(
    check: (state: BoardStateMessage) => boolean,
    since: number,
    timeoutMs: number,
  ): Promise<StateSample | null> {
    const deadline = monotonicMs() + timeoutMs
    for (;;) {
      const hit = this.samples.find((s) => s.at >= since && check(s.state))
      if (hit) return hit
      if (monotonicMs() > deadline) return null
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  get synced(): boolean {
    return this.provider.synced
  }

  destroy(): void {
    this.provider.destroy()
    this.doc.destroy()
  }
}
