const PREFIX = 'pinnwand-offline:'

/**
 * Loads something the board page needs before it can open (who am I, runtime config) and keeps
 * the last answer, so a reload without network can still open the board from the caches. Only a
 * failed network request falls back; an answer from the server (even an error) is final.
 */
export async function withOfflineFallback<T>(key: string, load: () => Promise<T>): Promise<T> {
  const storageKey = PREFIX + key
  try {
    const value = await load()
    try {
      localStorage.setItem(storageKey, JSON.stringify(value))
    } catch {
      // Storage full or disabled: online use does not need it.
    }
    return value
  } catch (error) {
    // fetch() rejects with a TypeError when the request never got an answer.
    if (!(error instanceof TypeError)) throw error
    const cached = localStorage.getItem(storageKey)
    if (cached === null) throw error
    return JSON.parse(cached) as T
  }
}

/** A short non-reversible key for a token (FNV-1a), so the token itself is not a storage key. */
export function tokenKey(token: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < token.length; i++) {
    hash ^= token.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}
