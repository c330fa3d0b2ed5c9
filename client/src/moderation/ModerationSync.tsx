import { useModerationSync } from './useModeration.ts'

/** Mounted once per board: keeps this device's held cards (own, or the inbox) loaded. */
export function ModerationSync() {
  useModerationSync()
  return null
}
