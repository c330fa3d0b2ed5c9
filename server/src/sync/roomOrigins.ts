/** Transaction origin of the server's own writes (API changes, compensations, migrations). */
export const SERVER_ORIGIN = Symbol('server')

/**
 * Origin of content that is already durable elsewhere (another instance's persisted update, or
 * the store itself on a resync): broadcast to local clients, never persisted or published again.
 */
export const RELAY_ORIGIN = Symbol('relay')
