/**
 * WebSocket close codes of the live board endpoint (docs/architecture.md, "Close codes"). 4400–4499 tell clients not to
 * reconnect (y-websocket 3 stops on that range by default); 4500+ are transient.
 */
export const CloseCode = {
  /** The message could not be decoded or broke the protocol. */
  malformedMessage: 4400,
  /** No token, or a token the server does not know. */
  invalidToken: 4401,
  /** The token is valid but does not grant access to this board. */
  notAllowed: 4403,
  /** No board with that id. */
  unknownBoard: 4404,
  /**
   * The client's board schema is newer or older than the server's: reload the page. This server
   * refuses such records one by one instead (4422 / refused changes); the web app still explains
   * the code, for servers that close with it.
   */
  schemaMismatch: 4409,
  /** The client wrote something it may never write (other shared types, nested types). */
  forbiddenWrite: 4422,
  /**
   * The update writes under a Yjs client id that belongs to someone else (client ids are bound
   * to the participant whose connection first wrote under them).
   */
  foreignClientId: 4423,
  /**
   * The update depends on content the server does not have (Yjs would keep it pending): refused
   * whole, nothing of it applied. An honest client only sees this after the server lost data.
   */
  incompleteUpdate: 4424,
  /** The workshop was deleted by its facilitator: everything is gone, do not reconnect. */
  workshopDeleted: 4410,
  /** The table has its participant limit and this participant holds no seat there. */
  tableFull: 4429,
  /** The board document reached MAX_DOCUMENT_BYTES: the update was refused, the rest is kept. */
  documentTooLarge: 4414,
  /** The server is shutting down; reconnect shortly. */
  serverShutdown: 4503,
  /** The connection sent more messages or bytes per second than its budget; reconnect shortly. */
  tooFast: 4508,
  /** Too many connections from one address (CONNECTIONS_PER_IP); retried with backoff. */
  tooManyConnections: 4529,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Close codes after which a client should not try again by itself. */
export function isTerminalCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500
}
