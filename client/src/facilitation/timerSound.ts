/**
 * The "time is up" sound, made in code with the Web Audio API: no audio file to ship or fetch.
 * Browsers start an AudioContext suspended until someone interacts with the page, so the projector
 * offers a one-time "sound on" button (see ProjectorSoundButton) that calls `enableSound`.
 */
let context: AudioContext | null = null

function audioContext(): AudioContext | null {
  if (context) return context
  const Ctor =
    window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
  if (!Ctor) return null
  context = new Ctor()
  return context
}

/** Whether a sound would be heard now (false until the page had a user gesture, in most browsers). */
export function soundReady(): boolean {
  return audioContext()?.state === 'running'
}

/** Call from a click or key press: lets this page play sounds from now on. */
export async function enableSound(): Promise<boolean> {
  const ctx = audioContext()
  if (!ctx) return false
  if (ctx.state !== 'running') await ctx.resume().catch(() => undefined)
  return ctx.state === 'running'
}

/** Three short, rising beeps — clear in a noisy hall, not alarming. */
export function playTimeUpSound(): void {
  const ctx = audioContext()
  if (!ctx || ctx.state !== 'running') return
  const start = ctx.currentTime + 0.05
  ;[660, 880, 1100].forEach((frequency, i) => {
    const oscillator = ctx.createOscillator()
    const gain = ctx.createGain()
    oscillator.type = 'sine'
    oscillator.frequency.value = frequency
    const t = start + i * 0.35
    gain.gain.setValueAtTime(0.0001, t)
    gain.gain.exponentialRampToValueAtTime(0.4, t + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.28)
    oscillator.connect(gain).connect(ctx.destination)
    oscillator.start(t)
    oscillator.stop(t + 0.3)
  })
}
