import { usePrivatePhaseSync } from './usePrivatePhase.ts'

/** Mounted once per board: keeps this device's private cards loaded while Stilles Sammeln runs. */
export function PrivatePhaseSync() {
  usePrivatePhaseSync()
  return null
}
