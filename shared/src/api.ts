import { z } from 'zod'
import { Limits } from './limits.ts'

/**
 * Request and response schemas of the public API v1 (served as the OpenAPI document at /api/openapi.json). Request bodies are strict:
 * unknown fields are rejected with 400, always.
 */

const title = z.string().trim().min(1).max(Limits.titleMax)

export const Language = z.enum(['de', 'en'])
export type Language = z.infer<typeof Language>

export const BoardTemplate = z.enum(['blank', 'thementisch', 'projektmarktplatz', 'ideenwerkstatt', 'plenum'])
export type BoardTemplate = z.infer<typeof BoardTemplate>

/**
 * What a board is for: a Thementisch ('table', numbered) or the workshop's Plenum ('plenary'),
 * which gathers every table's shortlist and is reported as the plenary. At most one per workshop.
 */
export const BoardKind = z.enum(['table', 'plenary'])
export type BoardKind = z.infer<typeof BoardKind>

/** Optional participant limit of one table (board): how many participants may sit there. */
export const TableLimit = z.number().int().min(1).max(1000)

export const CreateWorkshopBody = z
  .object({
    title,
    language: Language.optional(),
    date: z.iso.date().optional(),
    boards: z
      .array(
        z
          .object({
            title,
            question: z.string().max(Limits.questionMax).optional(),
            template: z.string().max(60).optional(),
            maxParticipants: TableLimit.optional(),
            /** Default: 'plenary' for the plenum template, else 'table'. */
            kind: BoardKind.optional(),
            /** Offered on the join page; default: tables yes, the plenary no. */
            openToParticipants: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(Limits.boardsPerWorkshopMax)
      .refine((boards) => boards.filter((b) => boardKindOf(b) === 'plenary').length <= 1, {
        message: 'A workshop has at most one plenary board.',
      }),
  })
  .strict()
export type CreateWorkshopBody = z.infer<typeof CreateWorkshopBody>

/** The kind a new board gets: as asked, else the plenum template makes the plenary. */
export function boardKindOf(board: { kind?: BoardKind | undefined; template?: string | undefined }): BoardKind {
  return board.kind ?? (board.template === 'plenum' ? 'plenary' : 'table')
}

export const CreateWorkshopResponse = z.object({
  workshop: z.object({ id: z.string(), title: z.string(), joinCode: z.string() }),
  facilitatorToken: z.string(),
  boards: z.array(z.object({ id: z.string(), title: z.string(), kind: BoardKind })),
  links: z.object({ facilitator: z.string(), participant: z.string(), projector: z.string() }),
})
export type CreateWorkshopResponse = z.infer<typeof CreateWorkshopResponse>

export const JoinWorkshopBody = z
  .object({
    name: z.string().trim().min(1).max(Limits.displayNameMax),
    joinCode: z.string().trim().min(1).max(40),
  })
  .strict()
export type JoinWorkshopBody = z.infer<typeof JoinWorkshopBody>

export const JoinWorkshopResponse = z.object({ participantId: z.string(), participantToken: z.string() })
export type JoinWorkshopResponse = z.infer<typeof JoinWorkshopResponse>

export const CreateIdeaBody = z
  .object({
    text: z
      .string()
      .max(Limits.ideaTextMax)
      .refine((text) => text.trim().length > 0, 'text must not be empty'),
    clusterId: z.string().max(200).optional(),
  })
  .strict()
export type CreateIdeaBody = z.infer<typeof CreateIdeaBody>

/** An idea card as the API lists it (`votes`: the revealed rounds' points, by round id). */
export const IdeaDto = z.object({
  id: z.string(),
  text: z.string(),
  clusterId: z.string().nullable(),
  author: z.string(),
  votes: z.record(z.string(), z.number()).optional(),
})
export type IdeaDto = z.infer<typeof IdeaDto>

export const ClusterDto = z.object({ id: z.string(), title: z.string() })
export type ClusterDto = z.infer<typeof ClusterDto>

export const IdeasResponse = z.object({ clusters: z.array(ClusterDto), ideas: z.array(IdeaDto) })
export type IdeasResponse = z.infer<typeof IdeasResponse>

/** `POST /api/boards/:boardId/ideas`: the card, now on the board. */
export const CreateIdeaResponse = z.object({ idea: IdeaDto.omit({ votes: true }) })
export type CreateIdeaResponse = z.infer<typeof CreateIdeaResponse>

/** What the web app asks the server at start (runtime configuration, no rebuild). */
export const LegalLinks = z.object({
  imprintUrl: z.string().nullable(),
  privacyUrl: z.string().nullable(),
  /** E-mail address or URL for accessibility feedback (the statement's "Feedback und Kontakt"). */
  accessibilityContact: z.string().nullable(),
})
export type LegalLinks = z.infer<typeof LegalLinks>

export const ClientConfig = z.object({
  tldrawLicenseKey: z.string().nullable(),
  version: z.string(),
  /** The operator's Impressum and privacy notice (page footers) and accessibility contact. */
  legal: LegalLinks.optional(),
})
export type ClientConfig = z.infer<typeof ClientConfig>

/** `GET /api/accessibility-statement`: the operator's own statement text, if they wrote one. */
export const AccessibilityStatementResponse = z.object({ text: z.string().nullable() })
export type AccessibilityStatementResponse = z.infer<typeof AccessibilityStatementResponse>

/** `GET /api/me`: who the token belongs to. */
export const MeResponse = z.object({
  role: z.enum(['facilitator', 'participant', 'projector']),
  userId: z.string(),
  name: z.string(),
  workshopId: z.string(),
  boardIds: z.array(z.string()),
  /** The workshop shows ideas without author names (a workshop setting). */
  hideAuthors: z.boolean().optional(),
})
export type MeResponse = z.infer<typeof MeResponse>

/** `GET /api/workshops/:workshopId` (facilitator): the overview with live counts. */
export const WorkshopOverviewResponse = z.object({
  workshop: z.object({
    id: z.string(),
    title: z.string(),
    language: Language,
    date: z.string().nullable(),
    joinCode: z.string(),
    hideAuthors: z.boolean(),
    /** Data protection: kept `days` after its date; the server deletes it on `deleteOn` (YYYY-MM-DD). */
    retention: z.object({ days: z.int(), isDefault: z.boolean(), deleteOn: z.string() }),
  }),
  boards: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      question: z.string(),
      template: z.string(),
      kind: BoardKind,
      openToParticipants: z.boolean(),
      /** Connected participants, on every instance. */
      participants: z.int(),
      ideas: z.int(),
      lastActivity: z.number().nullable(),
      phase: z.enum(['collect', 'cluster', 'vote', 'results']),
      locked: z.boolean(),
      maxParticipants: z.int().nullable(),
      seated: z.int(),
      facilitator: z.string().nullable(),
      moderation: z.boolean(),
    }),
  ),
})
export type WorkshopOverviewResponse = z.infer<typeof WorkshopOverviewResponse>

export const SetLockBody = z.object({ locked: z.boolean() }).strict()
export const SetPhaseBody = z.object({ phase: z.enum(['collect', 'cluster', 'vote', 'results']) }).strict()

/** `GET /api/join/:joinCode`: what a participant sees before entering a name. */
export const JoinInfoResponse = z.object({
  workshop: z.object({ id: z.string(), title: z.string(), language: Language }),
  boards: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      question: z.string(),
      /** The table's participant limit; null (or absent, older servers) means none. */
      maxParticipants: z.int().nullable().optional(),
      /** Participants whose current table this is (counted against the limit). */
      seated: z.int().optional(),
      /** 'plenary' for the workshop's plenary (offered only once the organiser opened it). */
      kind: BoardKind.optional(),
      /** The table's number ("Tisch 3"); null for the plenary, absent from older servers. */
      number: z.int().nullable().optional(),
    }),
  ),
})
export type JoinInfoResponse = z.infer<typeof JoinInfoResponse>

/** `GET /api/workshops/:workshopId/participants` (facilitator). */
export const ParticipantsResponse = z.object({
  participants: z.array(z.object({ id: z.string(), name: z.string(), joinedAt: z.number(), revoked: z.boolean() })),
})
export type ParticipantsResponse = z.infer<typeof ParticipantsResponse>
export type ParticipantEntry = ParticipantsResponse['participants'][number]

/** `PATCH /api/boards/:boardId` (facilitator): settings of one table. */
export const UpdateTableBody = z
  .object({
    maxParticipants: TableLimit.nullable().optional(),
    /** Who facilitates the table, for its report; null or empty clears it. */
    facilitator: z.string().trim().max(Limits.displayNameMax).nullable().optional(),
    /** The join page offers the board to participants (opening the plenary for a plenary vote). */
    openToParticipants: z.boolean().optional(),
    /**
     * The table's number ("Tisch 3"), 1…N over the workshop's tables. A number another table holds
     * swaps the two; above N: 422 `table_number_out_of_range`; the plenary has none.
     */
    number: z.number().int().min(1).max(1000).optional(),
    /** Moderation: participants' new cards wait in the facilitator's inbox until approved. */
    moderation: z.boolean().optional(),
  })
  .strict()
  .refine(
    (body) =>
      body.maxParticipants !== undefined ||
      body.facilitator !== undefined ||
      body.openToParticipants !== undefined ||
      body.number !== undefined ||
      body.moderation !== undefined,
    { message: 'Send maxParticipants, facilitator, openToParticipants, number and/or moderation.' },
  )
export type UpdateTableBody = z.infer<typeof UpdateTableBody>

/** `PATCH /api/workshops/:workshopId` (facilitator): workshop-wide settings. */
export const UpdateWorkshopBody = z.object({ hideAuthors: z.boolean() }).strict()
export type UpdateWorkshopBody = z.infer<typeof UpdateWorkshopBody>

/** `POST /api/boards/:boardId/seat` (participant): this table is now the participant's table. */
export const TakeSeatResponse = z.object({
  boardId: z.string(),
  seated: z.int(),
  maxParticipants: z.int().nullable(),
})
export type TakeSeatResponse = z.infer<typeof TakeSeatResponse>

export const PassphraseBody = z.object({ passphrase: z.string().min(8).max(200) }).strict()

export const CreateClusterBody = z
  .object({
    title: z.string().trim().min(1).max(Limits.titleMax),
    color: z.string().max(40).optional(),
  })
  .strict()
