import { createHash, randomUUID } from 'node:crypto'

/**
 * A held-back card's id for one person's request id (a device's outbox, the catcher's or the
 * server's `refused:<record id>`): a UUID-shaped hash of both, so a repeat names the same card
 * and one person's request id never names another's card.
 */
export function cardIdFor(authorId: string, requestId: string): string {
  const hex = createHash('sha256').update(`${authorId}\n${requestId.toLowerCase()}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

/**
 * Adds a held-back card (private or waiting) at most once per request id: with one, the id comes
 * from the author and the request id, a repeat finds the card already made and answers with it,
 * and of two copies at once (the catcher's POST and the server keeping the refused card, or two
 * instances) one insert wins the primary key and the other answers with the winner's card.
 * `find` looks the author's card up by id; `insert` writes it and says how that went.
 */
export async function addOnce<Card, Result>(
  authorId: string,
  requestId: string | undefined,
  find: (id: string) => Promise<Card | undefined>,
  insert: (id: string) => Promise<Result>,
): Promise<{ found: Card } | { inserted: Result; id: string }> {
  if (requestId === undefined) {
    const id = randomUUID()
    return { inserted: await insert(id), id }
  }
  const id = cardIdFor(authorId, requestId)
  const before = await find(id)
  if (before !== undefined) return { found: before }
  try {
    return { inserted: await insert(id), id }
  } catch (error) {
    const raced = await find(id)
    if (raced !== undefined) return { found: raced }
    throw error
  }
}
