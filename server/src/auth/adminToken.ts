import { createHash, timingSafeEqual } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Logger } from 'pino'
import { generateToken } from './tokens.ts'

/**
 * The token that creating workshops needs from anywhere but this machine: `ADMIN_TOKEN`, else the
 * one kept in `file`, else a new one written there (mode 0600) and printed once at warn level so
 * the operator sees it in the start-up output. Without either (DATABASE_URL, no ADMIN_TOKEN_FILE)
 * there is none: workshops can then only be created from the server itself.
 */
export function resolveAdminToken(
  configured: string | undefined,
  file: string | undefined,
  logger: Logger,
): string | undefined {
  if (configured) return configured
  if (!file) {
    logger.warn('ADMIN_TOKEN is not set: workshops can only be created from this machine (localhost)')
    return undefined
  }
  try {
    const stored = readFileSync(file, 'utf8').trim()
    if (stored) return stored
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const token = generateToken()
  mkdirSync(path.dirname(file), { recursive: true })
  // 'wx': two processes starting on one data directory must not overwrite each other's token.
  try {
    writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim()
    throw error
  }
  logger.warn(
    { file },
    `Admin token created: ${token} — creating workshops from other computers needs it ` +
      '(Authorization: Bearer <token>); it is kept in the file named here and not shown again',
  )
  return token
}

/** Compares in constant time (the admin token is a secret an attacker may probe). */
export function isAdminToken(candidate: string | null, adminToken: string | undefined): boolean {
  if (!candidate || !adminToken) return false
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(candidate), digest(adminToken))
}
