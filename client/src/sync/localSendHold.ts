/**
 * Lets a part of the app keep this device's local changes from being handed to the board
 * document for a moment: the held-back card catcher (ideas/heldBack/catchHeldBackCards.ts) takes
 * a card back in a microtask after it was created, and the prompt send (bindStoreToDoc.ts) must
 * not hand the card to the document before that. One board per page, so one module state.
 */
let holds = 0
const waiting = new Set<() => void>()

/** Holds local sends until the returned release is called (each release once). */
export function holdLocalSends(): () => void {
  holds++
  let released = false
  return () => {
    if (released) return
    released = true
    holds--
    if (holds > 0) return
    const ready = [...waiting]
    waiting.clear()
    for (const send of ready) send()
  }
}

/** Runs `send` now, or when the last hold is released. */
export function whenLocalSendsFree(send: () => void): void {
  if (holds === 0) send()
  else waiting.add(send)
}
