/**
 * What a participant's browser goes through, read inside the page and over the DevTools
 * protocol: frame times from requestAnimationFrame, long tasks, when probe cards appear in the
 * DOM, and the WebSocket bytes the page receives. Used by the crowd-device benchmark.
 */
import type { CDPSession, Page } from 'playwright-core'

/** Figures of one measuring window, as the page saw them. */
export interface PageWindow {
  seconds: number
  frames: number
  /** Gaps between consecutive animation frames, ms. */
  frameGaps: number[]
  longTasks: number
  longTaskMs: number
  /** Probe marker → wall-clock ms (Date.now scale) when its card text entered the DOM. */
  cardsSeenAt: Record<string, number>
}

declare global {
  interface Window {
    __crowdProbe?: { start(): void; read(): PageWindow }
  }
}

/** The init script: runs in the page before its own scripts. `marker` prefixes probe card texts. */
function installProbe(marker: string) {
  let startedAt = performance.now()
  let gaps: number[] = []
  let last = -1
  let longTasks = 0
  let longTaskMs = 0
  const seen: Record<string, number> = {}
  const frame = (now: number) => {
    if (last >= 0) gaps.push(now - last)
    last = now
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks++
      longTaskMs += entry.duration
    }
  }).observe({ type: 'longtask', buffered: false })
  // A card enters the DOM as an added subtree; its text is in it from the first render.
  const pattern = new RegExp(`${marker}-\\d+`, 'g')
  const look = (node: Node) => {
    const text = node.textContent
    if (!text || !text.includes(marker)) return
    // The bench stamps its POST with Node's Date.now: the same wall clock here. timeOrigin +
    // performance.now() drifts from it (by -22 ms in one CI run: a negative latency).
    const at = Date.now()
    for (const match of text.matchAll(pattern)) seen[match[0]] ??= at
  }
  const start = () => {
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'characterData') look(record.target)
        else record.addedNodes.forEach(look)
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
  }
  if (document.body) start()
  else document.addEventListener('DOMContentLoaded', start)
  window.__crowdProbe = {
    start() {
      startedAt = performance.now()
      gaps = []
      last = -1
      longTasks = 0
      longTaskMs = 0
    },
    read() {
      return {
        seconds: (performance.now() - startedAt) / 1000,
        frames: gaps.length,
        frameGaps: gaps,
        longTasks,
        longTaskMs,
        cardsSeenAt: { ...seen },
      }
    },
  }
}

/** Installs the in-page probe; call before the first navigation. */
export async function instrumentPage(page: Page, marker: string): Promise<void> {
  await page.addInitScript(installProbe, marker)
}

/** WebSocket payload bytes the page receives, counted from the DevTools protocol. */
export class SocketBytes {
  private bytes = 0

  static async attach(cdp: CDPSession): Promise<SocketBytes> {
    const counter = new SocketBytes()
    await cdp.send('Network.enable')
    cdp.on('Network.webSocketFrameReceived', ({ response }) => {
      // Binary frames (opcode 2) arrive base64-encoded; text frames as they are.
      const data = response.payloadData
      counter.bytes += response.opcode === 2 ? Math.floor((data.length * 3) / 4) - padding(data) : data.length
    })
    return counter
  }

  /** Bytes so far; subtract two readings for a window. */
  get total(): number {
    return this.bytes
  }
}

const padding = (base64: string) => (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0)

/** Slows the page's main thread down `rate` times (1 = no throttling), as DevTools does. */
export async function throttleCpu(cdp: CDPSession, rate: number): Promise<void> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate })
}
