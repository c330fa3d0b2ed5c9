/**
 * Proxy votes: the facilitator places dots for people in the room who have no device. Each
 * named person is a voter of their own (own budget, own cap), identified by a voter id derived
 * from the name, so "Frau Özdemir" and " frau  özdemir " are the same person and a retry or a
 * second facilitator laptop cannot give them a second budget. Pure.
 */

const PROXY_PREFIX = 'proxy:'

/** How a name is compared: trimmed, inner spaces collapsed, case-insensitive (Unicode-aware). */
export function normalizeProxyName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').normalize('NFC').toLocaleLowerCase('de')
}

/** The voter id of a proxy voter in a round. Participant and facilitator ids never start so. */
export function proxyVoterId(name: string): string {
  return PROXY_PREFIX + normalizeProxyName(name)
}

export function isProxyVoter(voterId: string): boolean {
  return voterId.startsWith(PROXY_PREFIX)
}

/** The name as typed, tidied for display (the stored name of the first dot wins). */
export function displayProxyName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').normalize('NFC')
}
