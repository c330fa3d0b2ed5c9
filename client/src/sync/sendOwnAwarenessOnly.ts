import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'

/** y-websocket's message type for awareness (y-websocket.js `messageAwareness`). */
const MESSAGE_AWARENESS = 1

/**
 * y-websocket sends every awareness change it sees, including other people's states it has
 * just received (and their timeouts), back to the server. With 300 people on a board that echo
 * multiplies presence traffic by the head count, and the server refuses updates for clients
 * that are not the sender's. This replaces the provider's handler with one that sends only this
 * client's own state. Returns a function that restores the original handler.
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): () => void {
  const { awareness } = provider
  const original = provider._awarenessUpdateHandler
  const onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const own = [...added, ...updated, ...removed].filter((clientId) => clientId === awareness.clientID)
    const ws = provider.ws
    if (own.length === 0 || !provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, own))
    ws.send(encoding.toUint8Array(encoder))
  }
  awareness.off('update', original)
  awareness.on('update', onUpdate)
  return () => {
    awareness.off('update', onUpdate)
    awareness.on('update', original)
  }
}
