import { IDEA_CARD_TYPE } from '@pinnwand/shared/boardSchema'
import type { TLShape } from 'tldraw'
import type { Me } from '../api/apiClient.ts'

/**
 * Whether this person may change a shape beyond moving it — the same rule the server enforces
 * (server/src/sync/recordPolicy.ts); the UI only uses it to hide what the server would refuse.
 */
export function canEditShape(me: Me, shape: TLShape): boolean {
  if (me.role === 'facilitator') return true
  if (me.role !== 'participant') return false
  const owner = shape.type === IDEA_CARD_TYPE ? (shape.props as { authorId?: string }).authorId : shape.meta.createdBy
  return owner === me.userId
}
