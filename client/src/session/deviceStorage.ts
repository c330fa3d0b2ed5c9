/**
 * localStorage/sessionStorage that never throws: storage can be disabled (private mode, kiosk
 * policies) or full, and the app must then still work for this visit.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

function safe(get: () => Storage): KeyValueStorage {
  return {
    getItem: (key) => {
      try {
        return get().getItem(key)
      } catch {
        return null
      }
    },
    setItem: (key, value) => {
      try {
        get().setItem(key, value)
      } catch {
        // Nothing to do: the value lives for this page only.
      }
    },
    removeItem: (key) => {
      try {
        get().removeItem(key)
      } catch {
        // As above.
      }
    },
  }
}

export const deviceStorage = safe(() => localStorage)
export const tabStorage = safe(() => sessionStorage)

export function readJson<T>(storage: KeyValueStorage, key: string, isValid: (value: unknown) => value is T): T | null {
  const raw = storage.getItem(key)
  if (raw === null) return null
  try {
    const value: unknown = JSON.parse(raw)
    return isValid(value) ? value : null
  } catch {
    return null
  }
}
