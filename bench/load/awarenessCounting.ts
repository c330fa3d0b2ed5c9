/**
 * Cheap receiving of awareness for simulated clients: read how many client states a message
 * carries, skip the rest. 400 simulated people each receiving every cursor of 399 others would
 * spend the shared two cores on JSON-parsing cursors (each browser in a hall does that on its
 * own CPU); what the servers deliver is still counted message by message and state by state.
 */

/** Reads a lib0 variable-length unsigned integer at `pos`; returns [value, next position]. */
export function readVarUint(bytes: Uint8Array, pos: number): [number, number] {
  let value = 0
  let multiplier = 1
  for (;;) {
    const byte = bytes[pos++]
    if (byte === undefined) throw new Error('truncated varuint')
    value += (byte & 0x7f) * multiplier
    if (byte < 0x80) return [value, pos]
    multiplier *= 128
  }
}

/** Number of client states in a y-protocols awareness update (its first varuint). */
export function countAwarenessStates(update: Uint8Array, pos = 0): number {
  return readVarUint(update, pos)[0]
}

/**
 * For a Hocuspocus message (document name, message type, payload): the number of states if it
 * is an awareness message (type 1), otherwise null.
 */
export function hocuspocusAwarenessStates(message: Uint8Array): number | null {
  const [nameLength, afterLength] = readVarUint(message, 0)
  const [type, afterType] = readVarUint(message, afterLength + nameLength)
  if (type !== 1) return null
  const [, afterPayloadLength] = readVarUint(message, afterType)
  return countAwarenessStates(message, afterPayloadLength)
}
