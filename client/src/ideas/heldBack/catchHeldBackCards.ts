import { IDEA_CARD_TYPE, type IdeaCardShape } from '@pinnwand/shared/boardSchema'
import { refusedCardRequestId } from '@pinnwand/shared/heldBackCards'
import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { holdLocalSends } from '../../sync/localSendHold.ts'

/** A caught card: its shape id, its text and where it was, so a pasted group keeps its reading order. */
export interface CaughtCard {
  id: string
  text: string
  x: number
  y: number
}

/** A text to send as a held-back card; `requestId` makes a resend (or the server's copy) the same card. */
export interface HeldBackText {
  text: string
  requestId?: string
}

/**
 * The caught cards' texts top to bottom, then left to right; empty ones counted apart. Each goes
 * out under the request id the server keeps the same card under should it have reached the board
 * document anyway (`refusedCardRequestId`): then whichever of the two comes second finds the
 * card already made, and the person never gets it twice.
 */
export function caughtTexts(cards: readonly CaughtCard[]): { texts: HeldBackText[]; empty: number } {
  const ordered = [...cards].sort((a, b) => a.y - b.y || a.x - b.x)
  const texts = ordered
    .map((card) => ({ text: card.text.trim(), requestId: refusedCardRequestId(card.id) }))
    .filter(({ text }) => text !== '')
  return { texts, empty: cards.length - texts.length }
}

/**
 * Takes back every idea card this person's own input puts on the board while `heldBack()` says
 * cards are held back — pasted, duplicated (Ctrl+D, the menus, Alt+drag), made with the card tool,
 * brought back by undo — before it reaches the board document, and hands the caught cards to
 * `onCaught`. Without this the server refused and reverted such a card, and it vanished without
 * a word.
 *
 * The card is removed in a microtask after the store operation that created it: tldraw's paste
 * and duplicate go on placing and selecting the new shapes after creating them, and crash if one
 * is gone. Local changes reach the board document (bindStoreToDoc) in a later microtask, held
 * until this one ran (localSendHold.ts), or on the next animation frame, always after it; the
 * creation and the removal squash into nothing: the document and the server never see the card. The removal goes through the store,
 * not `editor.deleteShapes` (the delete guard would keep a copy of someone else's card, which
 * this person may not delete once on the board), and stays out of the undo stack.
 * Changes from others (source 'remote') are never touched.
 */
export function catchHeldBackCards(
  editor: Editor,
  heldBack: () => boolean,
  onCaught: (cards: CaughtCard[]) => void,
): () => void {
  const caught = new Set<TLShapeId>()
  let disposed = false
  let release: (() => void) | null = null
  const takeBack = () => {
    const cards: CaughtCard[] = []
    for (const id of caught) {
      const shape = editor.getShape<IdeaCardShape>(id)
      if (!shape) continue
      const bounds = editor.getShapePageBounds(id)
      cards.push({ id, text: shape.props.text, x: bounds?.x ?? shape.x, y: bounds?.y ?? shape.y })
    }
    const ids = [...caught].filter((id) => editor.store.has(id))
    caught.clear()
    if (ids.length > 0) editor.run(() => editor.store.remove(ids), { history: 'ignore' })
    release?.()
    release = null
    if (cards.length > 0) onCaught(cards)
  }
  const stopCreate = editor.sideEffects.registerAfterCreateHandler('shape', (shape: TLShape, source) => {
    if (disposed || source !== 'user' || shape.type !== IDEA_CARD_TYPE || !heldBack()) return
    if (caught.size === 0) {
      // The prompt send (bindStoreToDoc.ts) waits until the card is taken back.
      release ??= holdLocalSends()
      queueMicrotask(takeBack)
    }
    caught.add(shape.id)
  })
  return () => {
    disposed = true
    stopCreate()
    release?.()
    release = null
  }
}
