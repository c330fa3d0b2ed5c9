import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { RelayMessage } from './BoardRelay.ts'

const Kind = {
  update: 0,
  presence: 1,
  state: 2,
  signal: 3,
  resync: 4,
  disconnect: 5,
  heartbeat: 6,
  presenceQuery: 7,
} as const

/** What travels between instances: a board's messages, and the instances' heartbeats. */
export type WireMessage = RelayMessage | { kind: 'heartbeat' }

/** Who sent a message, and when: a sender numbers its messages, so a replay is recognised. */
export interface RelayEnvelope {
  senderId: string
  seq: number
  sentAt: number
}

/**
 * The wire form on the broker (before RelaySeal signs it): sender id (to skip one's own
 * messages), sequence number and send time (against replays), kind, payload.
 */
export function encodeRelayMessage(envelope: RelayEnvelope, message: WireMessage): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, envelope.senderId)
  encoding.writeVarUint(e, envelope.seq)
  encoding.writeFloat64(e, envelope.sentAt)
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
    case 'heartbeat':
    case 'presenceQuery':
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
export function decodeRelayMessage(data: Uint8Array): RelayEnvelope & { message: WireMessage } {
  const d = decoding.createDecoder(data)
  const senderId = decoding.readVarString(d)
  const seq = decoding.readVarUint(d)
  const sentAt = decoding.readFloat64(d)
  return { senderId, seq, sentAt, message: decodeMessage(d) }
}

function decodeMessage(d: decoding.Decoder): WireMessage {
  const kind = decoding.readVarUint(d)
  switch (kind) {
    case Kind.update:
      return { kind: 'update', update: decoding.readVarUint8Array(d) }
    case Kind.presence:
      return { kind: 'presence', update: decoding.readVarUint8Array(d) }
    case Kind.state: {
      const patch = JSON.parse(decoding.readVarString(d)) as unknown
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('state is not an object')
      return { kind: 'state', patch }
    }
    case Kind.signal: {
      const topic = decoding.readVarString(d)
      return { kind: 'signal', topic, urgent: decoding.readUint8(d) === 1 }
    }
    case Kind.resync:
      return { kind: 'resync' }
    case Kind.heartbeat:
      return { kind: 'heartbeat' }
    case Kind.presenceQuery:
      return { kind: 'presenceQuery' }
    case Kind.disconnect: {
      const userId = decoding.readVarString(d)
      const closeCode = decoding.readVarUint(d)
      return { kind: 'disconnect', userId, closeCode, reason: decoding.readVarString(d) }
    }
    default:
      throw new Error(`unknown relay message kind ${kind}`)
  }
}
