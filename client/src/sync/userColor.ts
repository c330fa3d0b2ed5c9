/**
 * Cursor colours, picked so that neighbours differ and names stay readable on white.
 * Chosen by hashing the user id, so a person keeps their colour across reloads and devices.
 */
const PALETTE = [
  '#e03131',
  '#1971c2',
  '#2f9e44',
  '#f08c00',
  '#9c36b5',
  '#0c8599',
  '#c2255c',
  '#5f3dc4',
  '#e8590c',
  '#087f5b',
  '#364fc7',
  '#a61e4d',
] as const

export function userColor(userId: string): string {
  let hash = 0
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) | 0
  return PALETTE[Math.abs(hash) % PALETTE.length] ?? PALETTE[0]
}
