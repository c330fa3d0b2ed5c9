import { IDEA_CARD_TYPE, refusedCardRequestId } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import type { Actor } from '../auth/Actor.ts'
import type { RoomLifecycle } from '../sync/roomPorts.ts'

/** A participant's new idea card that a room refused with one guard's verdict. */
export interface RefusedIdeaCard {
  boardId: string
  actor: Actor
  /** `refused:<record id>`: the id the device's catcher posts the same card under, too. */
  requestId: string
  text: string
}

/**
 * Calls `keep` for each new idea card a room refuses with `verdict`, so that the feature whose
 * guard refused it can keep it as a held-back card instead of losing it: a device that had not
 * yet heard that Stilles Sammeln began, or that moderation was switched on, sent it as a shared
 * card. Blank cards and other records are not handed on (the catcher drops blank ones too).
 * Only the instance that took the client's update reviews it, so a card is kept once.
 */
export function onRefusedIdeaCards(
  rooms: RoomLifecycle,
  verdict: string,
  keep: (card: RefusedIdeaCard) => Promise<void>,
  onError: (error: unknown, boardId: string) => void,
): void {
  rooms.onRoomEvent((boardId, event) => {
    if (event.type !== 'refused' || event.reason !== verdict) return
    const text = newIdeaText(event.record)
    if (text === null) return
    const card = { boardId, actor: event.actor, requestId: refusedCardRequestId(event.recordId), text }
    void keep(card).catch((error: unknown) => onError(error, boardId))
  })
}

/** The trimmed text of a refused idea card, or null for anything else (the record is a client's: untrusted). */
function newIdeaText(record: TLRecord | undefined): string | null {
  if (record?.typeName !== 'shape' || record.type !== IDEA_CARD_TYPE) return null
  const text = (record.props as { text?: unknown }).text
  return typeof text === 'string' && text.trim().length > 0 ? text.trim() : null
}
