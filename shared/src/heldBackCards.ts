/** Longest `clientRequestId` the held-back card routes take (`POST …/private-cards`, `…/held-cards`). */
export const CLIENT_REQUEST_ID_MAX = 64

/**
 * The request id under which an idea card made on a participant's canvas becomes a held-back
 * card (a private card during Stilles Sammeln, a waiting card on a moderated board). Two parties
 * may turn the same card into one: the device's catcher, which takes the card back and posts its
 * text, and the server, which refuses the card if it reached the board document anyway (sent
 * before the device heard that cards are held back) and keeps it. Both use this id, derived from
 * the card's shape id, so whichever comes second finds the card the first one made. A long shape
 * id (a plenary's cards) is shortened with a hash, so the id always fits the routes.
 */
export function refusedCardRequestId(shapeId: string): string {
  const plain = `refused:${shapeId}`
  if (plain.length <= CLIENT_REQUEST_ID_MAX) return plain
  return `refused:${shapeId.slice(0, 31)}~${fnv1a(shapeId, 0x811c9dc5)}${fnv1a(shapeId, 0x050c5d1f)}`
}

/** FNV-1a over UTF-16 code units, as 8 hex digits (not for secrets: only to tell ids apart). */
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}
