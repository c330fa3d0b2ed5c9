import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { RelayMessage } from './BoardRelay.ts'

const Kind = { update: 0, presence: 1, state: 2, signal: 3, resync: 4, disconnect: 5 } as const

/** The wire form on the broker: sender id (to skip one's own messages), kind, payload. */
export function encodeRelayMessage(senderId: string, message: RelayMessage): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, senderId)
  encoding.writeVarUint(e, Kind[message.kind])
  switch (message.kind) {
    case 'update':
    case 'presence':
      encoding.writeVarUint8Array(e, message.update)
      break
    case 'state':
      encoding.writeVarString(e, JSON.stringify(message.patch))
      break
    case 'signal':
      encoding.writeVarString(e, message.topic)
      encoding.writeUint8(e, message.urgent ? 1 : 0)
      break
    case 'resync':
      break
    case 'disconnect':
      encoding.writeVarString(e, message.userId)
      encoding.writeVarUint(e, message.closeCode)
      encoding.writeVarString(e, message.reason)
      break
  }
  return encoding.toUint8Array(e)
}

/** Decodes a broker message; throws on anything malformed (the caller logs and drops it). */
export function decodeRelayMessage(data: Uint8Array): { senderId: string; message: RelayMessage } {
  const d = decoding.createDecoder(data)
  const senderId = decoding.readVarString(d)
  const kind = decoding.readVarUint(d)
  switch (kind) {
    case Kind.update:
      return { senderId, message: { kind: 'update', update: decoding.readVarUint8Array(d) } }
    case Kind.presence:
      return { senderId, message: { kind: 'presence', update: decoding.readVarUint8Array(d) } }
    case Kind.state: {
      const patch = JSON.parse(decoding.readVarString(d)) as unknown
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('state is not an object')
      return { senderId, message: { kind: 'state', patch } }
    }
    case Kind.signal: {
      const topic = decoding.readVarString(d)
      return { senderId, message: { kind: 'signal', topic, urgent: decoding.readUint8(d) === 1 } }
    }
    case Kind.resync:
      return { senderId, message: { kind: 'resync' } }
    case Kind.disconnect: {
      const userId = decoding.readVarString(d)
      const closeCode = decoding.readVarUint(d)
      return { senderId, message: { kind: 'disconnect', userId, closeCode, reason: decoding.readVarString(d) } }
    }
    default:
      throw new Error(`unknown relay message kind ${kind}`)
  }
}
