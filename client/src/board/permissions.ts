import { IDEA_CARD_TYPE } from '@pinnwand/shared/boardSchema'
import type { Editor, TLShape } from 'tldraw'
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

// Shape utils and side effects get only the editor; the board says whose editor it is.
const personOfEditor = new WeakMap<Editor, Me>()

/** Tells shape utils and guards on this editor who is working with it (set when the board mounts). */
export function setEditorPerson(editor: Editor, me: Me): void {
  personOfEditor.set(editor, me)
}

/** {@link canEditShape} for the person of this editor; nobody known means no. */
export function canEditShapeIn(editor: Editor, shape: TLShape): boolean {
  const me = personOfEditor.get(editor)
  return me ? canEditShape(me, shape) : false
}
