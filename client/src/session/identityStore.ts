import { deviceStorage, readJson, type KeyValueStorage } from './deviceStorage.ts'

/** A participant's pseudonymous identity in one workshop, kept on this device. */
export interface ParticipantIdentity {
  participantId: string
  participantToken: string
  name: string
}

const participantKey = (workshopId: string) => `pinnwand-participant:${workshopId}`
const facilitatorKey = (workshopId: string) => `pinnwand-facilitator:${workshopId}`
const boardWorkshopKey = (boardId: string) => `pinnwand-board-workshop:${boardId}`
const NAME_KEY = 'pinnwand-display-name'

function isIdentity(value: unknown): value is ParticipantIdentity {
  if (typeof value !== 'object' || value === null) return false
  const { participantId, participantToken, name } = value as Record<string, unknown>
  return typeof participantId === 'string' && typeof participantToken === 'string' && typeof name === 'string'
}

/**
 * Per-device identities, one per workshop: rejoining on the same device keeps the same
 * participant, so dot budgets and card authorship stay with the person across reloads.
 */
export function createIdentityStore(storage: KeyValueStorage = deviceStorage) {
  return {
    participant(workshopId: string): ParticipantIdentity | null {
      return readJson(storage, participantKey(workshopId), isIdentity)
    },
    saveParticipant(workshopId: string, identity: ParticipantIdentity): void {
      storage.setItem(participantKey(workshopId), JSON.stringify(identity))
    },
    /** After the server refused the token (revoked, workshop deleted): the next join starts fresh. */
    forgetParticipant(workshopId: string): void {
      storage.removeItem(participantKey(workshopId))
    },
    facilitatorToken(workshopId: string): string | null {
      return storage.getItem(facilitatorKey(workshopId))
    },
    saveFacilitatorToken(workshopId: string, token: string): void {
      storage.setItem(facilitatorKey(workshopId), token)
    },
    forgetFacilitatorToken(workshopId: string): void {
      storage.removeItem(facilitatorKey(workshopId))
    },
    /** Which workshop a board belongs to, so `/b/:boardId` opened later finds this device's identity. */
    rememberBoard(boardId: string, workshopId: string): void {
      storage.setItem(boardWorkshopKey(boardId), workshopId)
    },
    workshopOfBoard(boardId: string): string | null {
      return storage.getItem(boardWorkshopKey(boardId))
    },
    /** The display name last typed on this device, offered again on the next join. */
    displayName(): string {
      return storage.getItem(NAME_KEY) ?? ''
    },
    saveDisplayName(name: string): void {
      storage.setItem(NAME_KEY, name)
    },
  }
}

export type IdentityStore = ReturnType<typeof createIdentityStore>

export const identityStore = createIdentityStore()
