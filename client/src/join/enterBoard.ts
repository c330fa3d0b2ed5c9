import { navigate, paths } from '../router.ts'
import { rememberBoardToken } from '../session/boardToken.ts'
import { identityStore } from '../session/identityStore.ts'

/**
 * Opens a table with this device's participant token, handed over in tab storage so the token
 * never appears in the address bar. Every table of the workshop is mapped to the workshop, so
 * opening any of them later (new tab, bookmark) finds the same identity.
 */
export function enterBoard(workshopId: string, boardIds: readonly string[], boardId: string, token: string): void {
  for (const id of boardIds) identityStore.rememberBoard(id, workshopId)
  rememberBoardToken(boardId, token)
  navigate(paths.board(boardId))
}
