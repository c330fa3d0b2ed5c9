import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { BOARD_STATE_MESSAGE } from '@pinnwand/shared'

/** y-websocket framing (y-protocols): outer message type, then sync sub-type. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  /**
   * A document update. `live`: y-websocket's "update" message, one transaction of the client
   * just now; otherwise a sync step 2, everything the client has that the server lacked.
   */
  | { kind: 'sync-update'; update: Uint8Array; live?: boolean }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }

export class MalformedMessageError extends Error {}

/** Decodes one client frame; throws MalformedMessageError for anything else. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync: {
        const step = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (step === SyncStep.step1) return { kind: 'sync-step1', stateVector: payload }
        assertV1Update(payload)
        if (step === SyncStep.step2) return { kind: 'sync-update', update: payload, live: false }
        if (step === SyncStep.update) return { kind: 'sync-update', update: payload, live: true }
        throw new MalformedMessageError(`unknown sync step ${step}`)
      }
      case MessageType.awareness:
        return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) }
      case MessageType.queryAwareness:
        return { kind: 'query-awareness' }
      default:
        throw new MalformedMessageError(`unknown message type ${type}`)
    }
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error
    throw new MalformedMessageError(`undecodable message: ${(error as Error).message}`)
  }
}

/**
 * y-websocket speaks Yjs' V1 update encoding. A V2 update starts with a 0 (its feature flags),
 * which V1 reads as "no structs": the rest was read as a delete set or silently ignored, so a
 * client sending V2 lost every write without a word. A struct-less V1 update is a delete set and
 * nothing after it; anything else is refused with a reason.
 */
function assertV1Update(update: Uint8Array): void {
  if (update[0] !== 0) return
  const decoder = decoding.createDecoder(update)
  decoding.readVarUint(decoder)
  for (let clients = decoding.readVarUint(decoder); clients > 0; clients--) {
    decoding.readVarUint(decoder)
    for (let ranges = decoding.readVarUint(decoder); ranges > 0; ranges--) {
      decoding.readVarUint(decoder)
      decoding.readVarUint(decoder)
    }
  }
  if (decoder.pos !== update.byteLength)
    throw new MalformedMessageError('not a Yjs V1 update (V2-encoded updates are not accepted)')
}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export const encodeSyncStep1 = (stateVector: Uint8Array) =>
  frame(MessageType.sync, (e) => {
    encoding.writeVarUint(e, SyncStep.step1)
    encoding.writeVarUint8Array(e, stateVector)
  })

export const encodeSyncStep2 = (update: Uint8Array) =>
  frame(MessageType.sync, (e) => {
    encoding.writeVarUint(e, SyncStep.step2)
    encoding.writeVarUint8Array(e, update)
  })

export const encodeSyncUpdate = (update: Uint8Array) =>
  frame(MessageType.sync, (e) => {
    encoding.writeVarUint(e, SyncStep.update)
    encoding.writeVarUint8Array(e, update)
  })

export const encodeAwareness = (update: Uint8Array) =>
  frame(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, update))

/**
 * Server-owned board state as JSON (see shared/src/boardState.ts), stamped with the server's
 * clock at sending, so clients can count timers down on the server's time.
 */
export const encodeBoardState = (state: object) =>
  frame(BOARD_STATE_MESSAGE, (e) => encoding.writeVarString(e, JSON.stringify({ ...state, serverNow: Date.now() })))
