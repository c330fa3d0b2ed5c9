import { boardKindOf, type CreateWorkshopBody } from '@pinnwand/shared'
import type { TLSchema } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { generateId, generateJoinCode, generateToken, hashToken } from '../auth/tokens.ts'
import type { BoardRow, Store, WorkshopRow } from '../store/Store.ts'
import { createInitialBoardDocument } from './boardDocument.ts'
import { templateRecords } from './templates.ts'

export interface CreatedWorkshop {
  workshop: WorkshopRow
  boards: BoardRow[]
  facilitatorToken: string
  /** Read-only token for every board of the workshop (projector, big screen). */
  projectorToken: string
}

/** Creates a workshop with its boards, join code and tokens in one transaction. */
export async function createWorkshop(
  store: Store,
  schema: TLSchema,
  input: CreateWorkshopBody,
  now = Date.now(),
): Promise<CreatedWorkshop> {
  const workshopId = generateId('ws')
  const facilitatorToken = generateToken()
  const facilitatorId = generateId('f')
  const language = input.language ?? 'de'
  const projectorToken = generateToken()
  const boards: BoardRow[] = input.boards.map((b, position) => {
    const kind = boardKindOf(b)
    return {
      id: generateId('b'),
      workshopId,
      title: b.title,
      question: b.question ?? '',
      // The plenary gathers the tables' shortlists onto the plenum template's zone.
      template: b.template ?? (kind === 'plenary' ? 'plenum' : 'blank'),
      kind,
      openToParticipants: b.openToParticipants ?? kind === 'table',
      position,
      createdAt: now,
      locked: false,
      phase: 'collect',
      ideaCount: 0,
      lastActivityAt: null,
      maxParticipants: b.maxParticipants ?? null,
    }
  })
  // A join code collision is unlikely (31^6) but possible: retry with a fresh one.
  for (let attempt = 0; ; attempt++) {
    const workshop: WorkshopRow = {
      id: workshopId,
      title: input.title,
      language,
      date: input.date ?? null,
      joinCode: generateJoinCode(),
      createdAt: now,
    }
    try {
      await store.createWorkshop({
        workshop,
        boards,
        tokens: [
          {
            tokenHash: hashToken(facilitatorToken),
            grant: { role: 'facilitator', workshopId, boardId: null, subjectId: facilitatorId, revokedAt: null },
          },
          {
            tokenHash: hashToken(projectorToken),
            grant: { role: 'projector', workshopId, boardId: null, subjectId: generateId('v'), revokedAt: null },
          },
        ],
        initialDocuments: boards.map((b) => ({
          boardId: b.id,
          snapshot: Y.encodeStateAsUpdate(
            createInitialBoardDocument(schema, templateRecords(b.template, b, language, facilitatorId)),
          ),
        })),
      })
      return { workshop, boards, facilitatorToken, projectorToken }
    } catch (error) {
      if (attempt < 3 && (await store.findWorkshopByJoinCode(workshop.joinCode))) continue
      throw error
    }
  }
}

/** What deleting a workshop has to reach besides the store: live sockets and loaded rooms. */
export interface LiveWorkshop {
  closeConnections(workshopId: string): void
  /** Forgets a loaded board without writing anything more; it never loads again. */
  discardRoom(boardId: string): Promise<void>
}

/**
 * Deletes a workshop with everything in it. Sockets are closed first (so nobody writes while the
 * rooms are discarded), then the rooms, then the data; sockets that slipped in meanwhile are
 * closed again at the end. False when there is no such workshop.
 */
export async function deleteWorkshop(
  store: Store,
  live: LiveWorkshop,
  workshopId: string,
  now = Date.now(),
): Promise<boolean> {
  const boards = await store.listBoards(workshopId)
  live.closeConnections(workshopId)
  await Promise.all(boards.map((board) => live.discardRoom(board.id)))
  const deleted = await store.deleteWorkshop(workshopId, now)
  live.closeConnections(workshopId)
  return deleted
}
