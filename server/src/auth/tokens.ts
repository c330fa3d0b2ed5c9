import { createHash, randomBytes, randomInt } from 'node:crypto'

/** A bearer token: 32 random bytes, URL-safe. Only its hash is stored. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Opaque ids with a readable prefix (`ws_…`, `b_…`, `p_…`). */
export function generateId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`
}

// No 0/O, 1/I/L: the code is read off a table card and typed on a phone.
const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const JOIN_CODE_LENGTH = 6

export function generateJoinCode(): string {
  let code = ''
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]
  return code
}

/** What people type: lower case, spaces, dashes. */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '')
}
