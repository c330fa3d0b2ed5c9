import {
  atom,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type TLAssetStore,
  type TLStore,
  type TLUser,
} from 'tldraw'
import { ClusterShapeUtil } from '../shapes/ClusterShapeUtil.tsx'
import { IdeaCardShapeUtil } from '../shapes/IdeaCardShapeUtil.tsx'

/** Shape utils of a board; the same list goes to the store and to <Tldraw>. */
export const boardShapeUtils = [...defaultShapeUtils, IdeaCardShapeUtil, ClusterShapeUtil]
export const boardBindingUtils = defaultBindingUtils

/**
 * A store whose schema equals the server's getBoardSchema() (checked by a unit test).
 * No current user: tldraw 5 would otherwise write a document-scoped `user:` record (name,
 * colour) for its attribution names, which only its note tool shows (the board removes it).
 * Such records would name everyone at the table in the shared document and its backups, also
 * after an anonymous reveal; the server refuses them (docs/architecture.md, decision 33).
 * Cursors and names of others come from presence, which is not stored.
 */
export function createBoardStore(assets?: TLAssetStore): TLStore {
  return createTLStore({
    shapeUtils: boardShapeUtils,
    bindingUtils: boardBindingUtils,
    users: { currentUser: atom<TLUser | null>('current user', null) },
    // Pictures are uploaded to the server (images/boardAssetStore.ts); without it tldraw would
    // inline them as data: URLs, and the server refuses those over 1 MiB.
    ...(assets ? { assets } : {}),
  })
}
