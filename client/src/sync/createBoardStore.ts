import {
  atom,
  createTLStore,
  createUserId,
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

export interface BoardUser {
  userId: string
  name: string
  color: string
}

/**
 * A store whose schema equals the server's getBoardSchema() (checked by a unit test).
 * tldraw 5 writes a document-scoped `user:` record for the current user (attribution names);
 * it must be named after our participant id, because the server lets people write only their own.
 */
export function createBoardStore(user?: BoardUser, assets?: TLAssetStore): TLStore {
  const currentUser: TLUser | null = user
    ? { id: createUserId(user.userId), typeName: 'user', name: user.name, color: user.color, imageUrl: '', meta: {} }
    : null
  return createTLStore({
    shapeUtils: boardShapeUtils,
    bindingUtils: boardBindingUtils,
    users: { currentUser: atom('current user', currentUser) },
    // Pictures are uploaded to the server (images/boardAssetStore.ts); without it tldraw would
    // inline them as data: URLs, and the server refuses those over 1 MiB.
    ...(assets ? { assets } : {}),
  })
}
