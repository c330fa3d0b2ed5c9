const keyFor = (boardId: string) => `pinnwand-token:${boardId}`

/**
 * The token for a board: from the link when present (and remembered for this tab), else the
 * one remembered earlier, so a reload after the token was removed from the address still works.
 * sessionStorage rather than localStorage: a shared venue laptop forgets it with the tab.
 */
export function resolveBoardToken(boardId: string, url: URL = new URL(location.href)): string | null {
  const fromUrl = url.searchParams.get('token')
  try {
    if (fromUrl) {
      sessionStorage.setItem(keyFor(boardId), fromUrl)
      return fromUrl
    }
    return sessionStorage.getItem(keyFor(boardId))
  } catch {
    // Storage can be disabled (private mode, policies); the link token still works.
    return fromUrl
  }
}
