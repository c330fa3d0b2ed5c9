import type { CreateWorkshopBody } from '@pinnwand/shared'
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
  const boards: BoardRow[] = input.boards.map((b, position) => ({
    id: generateId('b'),
    workshopId,
    title: b.title,
    question: b.question ?? '',
    template: b.template ?? 'blank',
    position,
    createdAt: now,
    locked: false,
    phase: 'collect',
    ideaCount: 0,
    lastActivityAt: null,
  }))
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
