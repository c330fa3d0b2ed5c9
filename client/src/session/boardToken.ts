import { tabStorage, type KeyValueStorage } from './deviceStorage.ts'
import { identityStore as defaultIdentities, type IdentityStore } from './identityStore.ts'

const keyFor = (boardId: string) => `pinnwand-token:${boardId}`

/** Hands a token to `/b/:boardId` in this tab without putting it into the visible address. */
export function rememberBoardToken(boardId: string, token: string, storage: KeyValueStorage = tabStorage): void {
  storage.setItem(keyFor(boardId), token)
}

/**
 * The token for a board: from the link when present (and remembered for this tab), else the one
 * remembered in this tab, else this device's participant identity for the board's workshop (a
 * participant who opens the board again in a new tab). sessionStorage for link tokens: a shared
 * venue laptop forgets a facilitator's token with the tab.
 */
export function resolveBoardToken(
  boardId: string,
  url: URL = new URL(location.href),
  storage: KeyValueStorage = tabStorage,
  identities: IdentityStore = defaultIdentities,
): string | null {
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    rememberBoardToken(boardId, fromUrl, storage)
    return fromUrl
  }
  const fromTab = storage.getItem(keyFor(boardId))
  if (fromTab) return fromTab
  const workshopId = identities.workshopOfBoard(boardId)
  return workshopId ? (identities.participant(workshopId)?.participantToken ?? null) : null
}

/**
 * Takes `?token=` out of the visible address (history.replaceState, no reload), so it does not
 * end up on a projector screenshot, in the history shown to the next person, or in a copied link.
 */
export function stripTokenFromAddress(): void {
  const url = new URL(location.href)
  if (!url.searchParams.has('token')) return
  url.searchParams.delete('token')
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`)
}
