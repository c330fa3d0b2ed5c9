import {
  CastVoteBody,
  CreateClusterBody,
  CreateCommentBody,
  CreateIdeaBody,
  CreateRoundBody,
  CreateWorkshopBody,
  ExtendRoundBody,
  Limits,
  JoinWorkshopBody,
  PassphraseBody,
  NewPrivateCardBody,
  PrivateCardBody,
  ApproveHeldCardBody,
  HeldCardBody,
  RejectHeldCardBody,
  RevealPrivateCardsBody,
  StartPrivatePhaseBody,
  ProjectorActionBody,
  PromoteShortlistBody,
  PutShortlistBody,
  SetLockBody,
  SetPhaseBody,
  TimerActionBody,
  UpdateTableBody,
  UpdateWorkshopBody,
  UploadImageTypes,
  ViewActionBody,
} from '@pinnwand/shared'
import { BoardMessageBody, BulkActionBody, DoneBody } from '@pinnwand/shared/controlApi'
import { UpdateExportSettingsBody } from '@pinnwand/shared/exportSettings'
import { SaveVersionBody } from '@pinnwand/shared/historyApi'
import { IdeaImportBody } from '@pinnwand/shared/ideaImport'
import { MergeIdeasBody } from '@pinnwand/shared/mergeIdeasApi'
import { z } from 'zod'
import { RetentionBody } from '../privacy/privacyRoutes.ts'

type Operation = {
  summary: string
  auth?: 'facilitator' | 'participant' | 'any' | 'none'
  body?: z.ZodType
  responses: Record<string, string>
  query?: Record<string, string>
  /** A raw body (not JSON) of one of these content types, e.g. an uploaded picture. */
  binaryBody?: readonly string[]
}

const errors = { '400': 'Invalid request', '401': 'Missing or invalid token', '403': 'Not allowed' }
/** Per-address limits on guesses and workshop creation (retry-after header). */
const throttled = { '429': 'rate_limited (retry-after)' }

/** The public API v1, described once; the server serves it at /api/openapi.json. */
const operations: Record<string, Record<string, Operation>> = {
  '/healthz': {
    get: { summary: 'Store reachable?', auth: 'none', responses: { '200': 'ok', '503': 'store unreachable' } },
  },
  '/api/workshops': {
    post: {
      summary: 'Create a workshop with its boards (the admin token, except from the server itself)',
      auth: 'none',
      body: CreateWorkshopBody,
      responses: {
        '201': 'workshop, facilitatorToken, boards (id, title, kind: table | plenary), links',
        '400': errors['400'],
        '401': 'admin_token_required (missing or wrong, from another computer)',
        ...throttled,
      },
    },
  },
  '/api/workshops/{workshopId}': {
    get: {
      summary: 'Workshop overview with live counts',
      auth: 'facilitator',
      responses: {
        '200': 'workshop and boards (with kind, openToParticipants, maxParticipants, seated, moderation)',
        ...errors,
        '410': 'workshop_deleted',
      },
    },
    delete: {
      summary: 'Delete the workshop and everything in it; open sockets close with 4410',
      auth: 'facilitator',
      responses: { '204': 'deleted', ...errors, '410': 'workshop_deleted (already)' },
    },
    patch: {
      summary: 'Workshop settings: hideAuthors (idea cards, idea list and exports show no author names)',
      auth: 'facilitator',
      body: UpdateWorkshopBody,
      responses: { '200': 'id, hideAuthors', ...errors },
    },
  },
  '/api/workshops/{workshopId}/tables': {
    get: {
      summary: 'Titles and questions of the tables this token may open',
      auth: 'any',
      responses: { '200': 'boards: id, title, question, kind', ...errors },
    },
  },
  '/api/workshops/{workshopId}/status': {
    get: {
      summary:
        'Control room: every table with number, phase, people here now, ideas, round progress, timer, idle warning',
      auth: 'facilitator',
      responses: { '200': 'workshopId, serverNow, tables', ...errors },
    },
  },
  '/api/workshops/{workshopId}/status/stream': {
    get: {
      summary: 'The control room status as server-sent events (event: status), sent whenever it changes',
      auth: 'facilitator',
      responses: { '200': 'text/event-stream', ...errors },
    },
  },
  '/api/workshops/{workshopId}/projector-token': {
    post: {
      summary: 'A new read-only link for the workshop projector (one screen for every table)',
      auth: 'facilitator',
      responses: { '201': 'projectorToken', ...errors },
    },
  },
  '/api/boards/{boardId}/message': {
    post: {
      summary:
        'A short message on every participant device and projector of the board; toPlenary adds a link to the plenary; empty text takes it down',
      auth: 'facilitator',
      body: BoardMessageBody,
      responses: { '200': 'message (board-state section, or null)', ...errors, '409': 'no_plenary' },
    },
  },
  '/api/boards/{boardId}/done': {
    put: {
      summary:
        '"Ich bin fertig": the participant is done collecting, or done voting in the open round (done: false takes it back)',
      auth: 'participant',
      body: DoneBody,
      responses: { '200': 'done, context (collect | round:<id>)', ...errors, '409': 'nothing_to_finish' },
    },
    get: {
      summary: 'Whether the caller said "Ich bin fertig" for the board\'s current task',
      auth: 'any',
      responses: { '200': 'done, context', ...errors },
    },
  },
  '/api/workshops/{workshopId}/bulk': {
    post: {
      summary:
        'Act on all or the chosen tables at once (phase, lock, open/close/reveal a round, timer); ' +
        'one request per table through its own endpoint; a retry with the same requestId skips tables that took it',
      auth: 'facilitator',
      body: BulkActionBody,
      responses: {
        '200': 'requestId, results per table (ok, status, error, repeated)',
        ...errors,
        '429': 'rate_limited',
      },
    },
  },
  '/api/boards/{boardId}': {
    patch: {
      summary:
        "Change a board's settings (participant limit, null = none; facilitator name for its report; " +
        'openToParticipants: the join page offers it — how the plenary is opened for a plenary vote; ' +
        'number: the table number 1…N, a number another table holds swaps the two; ' +
        "moderation: participants' new cards wait in the facilitator's inbox)",
      auth: 'facilitator',
      body: UpdateTableBody,
      responses: {
        '200': 'id, maxParticipants, facilitator, kind, openToParticipants, number, moderation',
        ...errors,
        '422': 'table_number_out_of_range (above the number of tables, or the plenary; nothing else applied)',
      },
    },
  },
  '/api/boards/{boardId}/seat': {
    post: {
      summary: "Make this table the participant's current table (counted against its limit)",
      auth: 'participant',
      responses: {
        '200': 'boardId, seated, maxParticipants',
        '409': 'table_full',
        ...errors,
        '403': 'plenary_closed (the plenary is not open to participants), or not a participant',
      },
    },
  },
  '/api/workshops/{workshopId}/participants': {
    post: {
      summary: 'Join with name and join code',
      auth: 'none',
      body: JoinWorkshopBody,
      responses: {
        '201': 'participantId, participantToken',
        '403': 'invalid_join_code',
        '404': 'workshop_not_found',
        '410': 'workshop_deleted | join_code_expired',
        ...throttled,
      },
    },
    get: { summary: 'List participants', auth: 'facilitator', responses: { '200': 'participants', ...errors } },
  },
  '/api/workshops/{workshopId}/participants/{participantId}': {
    delete: {
      summary: 'Revoke a participant (closes their sockets)',
      auth: 'facilitator',
      responses: { '204': 'revoked', ...errors },
    },
  },
  '/api/workshops/{workshopId}/passphrase': {
    post: {
      summary: 'Set the recovery passphrase',
      auth: 'facilitator',
      body: PassphraseBody,
      responses: { '204': 'set', ...errors },
    },
  },
  '/api/workshops/{workshopId}/recover': {
    post: {
      summary: 'New facilitator token for the passphrase',
      auth: 'none',
      body: PassphraseBody,
      responses: { '201': 'facilitatorToken', '403': 'invalid_passphrase', ...throttled },
    },
  },
  '/api/join/{joinCode}': {
    get: {
      summary: 'Workshop and tables for a join code (the plenary only once it is open to participants)',
      auth: 'none',
      responses: {
        '200': 'workshop, boards (with maxParticipants, seated, kind)',
        '404': 'invalid_join_code',
        '410': 'workshop_deleted | join_code_expired',
        ...throttled,
      },
    },
  },
  '/api/me': {
    get: {
      summary: 'Who this token is',
      auth: 'any',
      responses: { '200': 'role, userId, name, workshopId, boardIds', '401': errors['401'] },
    },
  },
  '/api/boards/{boardId}/projector-token': {
    post: {
      summary: 'Read-only token for one board',
      auth: 'facilitator',
      responses: { '201': 'projectorToken', ...errors },
    },
  },
  '/api/boards/{boardId}/lock': {
    post: {
      summary: 'Lock or unlock a board',
      auth: 'facilitator',
      body: SetLockBody,
      responses: { '200': 'locked', ...errors },
    },
  },
  '/api/boards/{boardId}/phase': {
    post: {
      summary: 'Set the phase',
      auth: 'facilitator',
      body: SetPhaseBody,
      responses: { '200': 'phase', ...errors },
    },
  },
  '/api/boards/{boardId}/timer': {
    post: {
      summary: 'Board timer: start, pause, resume, add time, stop',
      auth: 'facilitator',
      body: TimerActionBody,
      responses: { '200': 'timer, serverNow', ...errors, '409': 'timer_not_running | timer_not_paused | no_timer' },
    },
  },
  '/api/boards/{boardId}/private-phase': {
    post: {
      summary: 'Start Stilles Sammeln (private writing), or change whether the facilitator sees the texts',
      auth: 'facilitator',
      body: StartPrivatePhaseBody,
      responses: { '200': 'privatePhase (since, facilitatorSeesTexts, cards, changedAt)', ...errors },
    },
  },
  '/api/boards/{boardId}/private-phase/reveal': {
    post: {
      summary: 'Put every private card on the board at once (optionally without names) and end the phase',
      auth: 'facilitator',
      body: RevealPrivateCardsBody,
      responses: { '200': 'ideaIds, anonymous', ...errors, '409': 'no_private_phase' },
    },
  },
  '/api/boards/{boardId}/private-cards': {
    get: {
      summary: "The phase and the private cards the caller may read: their own (the facilitator's: all, if chosen)",
      auth: 'any',
      responses: { '200': 'phase, cards', ...errors },
    },
    post: {
      summary:
        'Write a private card (participants, while the private phase runs); the same clientRequestId again answers with the card already made',
      auth: 'participant',
      body: NewPrivateCardBody,
      responses: { '201': 'card', ...errors, '409': 'no_private_phase | too_many_private_cards' },
    },
  },
  '/api/boards/{boardId}/moderation/inbox': {
    get: {
      summary: 'The moderation inbox: every waiting card with its author (rejected texts are not in it)',
      auth: 'facilitator',
      responses: { '200': 'moderation (on, waiting, rejected, changedAt), cards', ...errors },
    },
  },
  '/api/boards/{boardId}/moderation/inbox/{cardId}/approve': {
    post: {
      summary: 'Freigeben: the waiting card (optionally with the edited text) goes on the board, once',
      auth: 'facilitator',
      body: ApproveHeldCardBody,
      responses: { '200': 'ideaId', ...errors, '404': 'held_card_not_found', '409': 'held_card_decided' },
    },
  },
  '/api/boards/{boardId}/moderation/inbox/{cardId}/reject': {
    post: {
      summary: 'Reject a waiting card, optionally with a reason only its author reads',
      auth: 'facilitator',
      body: RejectHeldCardBody,
      responses: { '200': 'ok', ...errors, '404': 'held_card_not_found', '409': 'held_card_decided' },
    },
  },
  '/api/boards/{boardId}/held-cards': {
    get: {
      summary: 'Your own held cards on a moderated board: waiting, and rejected with the reason',
      auth: 'participant',
      responses: { '200': 'moderation, cards', ...errors },
    },
    post: {
      summary: "Write a card for the facilitator's inbox (participants, while the board is moderated)",
      auth: 'participant',
      body: HeldCardBody,
      responses: { '201': 'card', ...errors, '409': 'moderation_off | too_many_held_cards | board_locked' },
    },
  },
  '/api/boards/{boardId}/held-cards/{cardId}': {
    patch: {
      summary: 'Change the text of one of your waiting cards',
      auth: 'participant',
      body: HeldCardBody,
      responses: { '200': 'ok', ...errors, '404': 'held_card_not_found', '409': 'held_card_decided' },
    },
    delete: {
      summary: 'Withdraw one of your waiting cards, or dismiss a rejected one (it stays counted)',
      auth: 'participant',
      responses: { '204': 'deleted', ...errors, '404': 'held_card_not_found' },
    },
  },
  '/api/boards/{boardId}/private-cards/{cardId}': {
    patch: {
      summary: 'Change the text of one of your private cards',
      auth: 'participant',
      body: PrivateCardBody,
      responses: { '200': 'ok', ...errors, '404': 'private_card_not_found', '409': 'no_private_phase' },
    },
    delete: {
      summary: 'Delete one of your private cards',
      auth: 'participant',
      responses: { '204': 'deleted', ...errors, '404': 'private_card_not_found', '409': 'no_private_phase' },
    },
  },
  '/api/boards/{boardId}/view': {
    post: {
      summary: 'Bring everyone to a view once, or have everyone follow it',
      auth: 'facilitator',
      body: ViewActionBody,
      responses: { '200': 'follow, summon', ...errors },
    },
  },
  '/api/boards/{boardId}/projector': {
    post: {
      summary: 'What the projector shows: board, countdown, results (step by step) or join',
      auth: 'facilitator',
      body: ProjectorActionBody,
      responses: { '200': 'projector', ...errors },
    },
  },
  '/api/boards/{boardId}/display': {
    get: {
      summary: 'Board and workshop title, join code (for the projector)',
      auth: 'any',
      responses: { '200': 'board, workshop', ...errors },
    },
  },
  '/api/boards/{boardId}/clusters': {
    post: {
      summary: 'Create a cluster',
      auth: 'facilitator',
      body: CreateClusterBody,
      responses: { '201': 'cluster', ...errors },
    },
  },
  '/api/boards/{boardId}/ideas': {
    post: {
      summary: 'Add an idea card (appears live)',
      auth: 'participant',
      body: CreateIdeaBody,
      responses: {
        '201': 'idea',
        '202': "held (a participant's card on a moderated board waits in the facilitator's inbox)",
        '409': 'board_locked | private_phase_running | moderation_off | too_many_held_cards',
        '422': 'cluster_not_found',
        ...errors,
      },
    },
    get: {
      summary: 'Clusters and ideas (votes of revealed rounds)',
      auth: 'any',
      responses: { '200': 'clusters, ideas', ...errors },
    },
  },
  '/api/boards/{boardId}/ideas/merge': {
    post: {
      summary: 'Merge duplicate idea cards into the first (texts, authors and comments kept)',
      auth: 'participant',
      body: MergeIdeasBody,
      responses: {
        '200': 'idea, movedComments',
        '404': 'idea_not_found',
        '409': 'merge_round_open | board_locked',
        '422': 'merge_text_too_long',
        ...errors,
      },
    },
  },
  '/api/boards/{boardId}/ideas/{ideaId}/comments': {
    get: {
      summary: 'The comment thread of an idea card, oldest first',
      auth: 'any',
      responses: { '200': 'comments', '404': 'idea_not_found', ...errors },
    },
    post: {
      summary: 'Comment on an idea card (appears live)',
      auth: 'participant',
      body: CreateCommentBody,
      responses: { '201': 'comment', '404': 'idea_not_found', '409': 'board_locked', ...errors },
    },
  },
  '/api/boards/{boardId}/comments/{commentId}': {
    delete: {
      summary: 'Delete a comment (participants: their own; facilitator: any)',
      auth: 'participant',
      responses: { '204': 'deleted', '404': 'comment_not_found', '409': 'board_locked', ...errors },
    },
  },
  '/api/boards/{boardId}/assets': {
    post: {
      summary: `Upload a picture to the board: its bytes with its content type (PNG, JPEG, GIF or WebP, judged by the bytes; up to ${Limits.assetBytesMax} bytes). The server writes the upload's asset record into the board; asset records may point only at this board's uploads`,
      auth: 'participant',
      binaryBody: UploadImageTypes,
      responses: {
        '201': 'asset: recordId, src (the URL for asset records), mimeType, width, height, bytes',
        '200': 'the board holds the same picture already: that one',
        '409': 'board_locked (participants, while locked or during a round)',
        '413': 'payload_too_large (one picture) | board_assets_full (all of the board)',
        '415': 'unsupported_image (not a PNG, JPEG, GIF or WebP, SVG included, or sent as another type)',
        '422': 'validation_failed (more than 16384 pixels wide or high)',
        ...errors,
      },
    },
  },
  '/api/boards/{boardId}/assets/{assetId}': {
    get: {
      summary:
        'An uploaded picture (also HEAD), for anyone who may read the board, the projector included: immutable, private cache, nosniff, CSP sandbox',
      auth: 'any',
      responses: { '200': 'the picture', '304': 'not modified (If-None-Match)', '404': 'asset_not_found', ...errors },
    },
  },
  '/api/boards/{boardId}/ideas/import': {
    post: {
      summary: 'Import ideas: pasted text (one per line or CSV with text, cluster) or a list; one live update',
      auth: 'facilitator',
      body: IdeaImportBody,
      responses: {
        '201': 'created, ideaIds, clusters, problems',
        '422': 'too_many_ideas | nothing_to_import',
        ...errors,
      },
    },
  },
  '/api/boards/{boardId}/versions': {
    get: {
      summary: 'Board history: versions, newest first',
      auth: 'facilitator',
      responses: { '200': 'versions, keepAutomatic', ...errors },
    },
    post: {
      summary: 'Save the board as a named version',
      auth: 'facilitator',
      body: SaveVersionBody,
      responses: { '201': 'version', ...errors },
    },
  },
  '/api/boards/{boardId}/versions/{versionId}/preview': {
    get: {
      summary: 'A version drawn as SVG',
      auth: 'facilitator',
      responses: { '200': 'image/svg+xml', '404': 'version_not_found', '422': 'version_unreadable', ...errors },
    },
  },
  '/api/boards/{boardId}/versions/{versionId}/restore': {
    post: {
      summary: 'Restore a version on the live board (the state before is saved as a version: undoable)',
      auth: 'facilitator',
      responses: { '200': 'restoredVersionId, beforeVersionId, changes', '404': 'version_not_found', ...errors },
    },
  },
  '/api/boards/{boardId}/rounds': {
    post: {
      summary: 'Open a voting round',
      auth: 'facilitator',
      body: CreateRoundBody,
      responses: {
        '201': 'roundId',
        '409': 'round_already_open',
        '422': 'unknown_idea | unknown_cluster | no_eligible_ideas',
        ...errors,
      },
    },
    get: { summary: 'Rounds of a board', auth: 'any', responses: { '200': 'rounds', ...errors } },
  },
  '/api/rounds/{roundId}/votes': {
    post: {
      summary: 'Place or take back a dot (idempotent with requestId)',
      auth: 'participant',
      body: CastVoteBody,
      responses: {
        '200': 'myVotes, remaining',
        '409': 'budget_exhausted | idea_cap_reached | round_not_open | no_vote_to_remove',
        '422': 'idea_not_eligible',
        ...errors,
      },
    },
  },
  '/api/rounds/{roundId}/close': {
    post: { summary: 'Close a round', auth: 'facilitator', responses: { '200': 'closed', ...errors } },
  },
  '/api/rounds/{roundId}/reveal': {
    post: { summary: 'Reveal results', auth: 'facilitator', responses: { '200': 'revealed', ...errors } },
  },
  '/api/rounds/{roundId}': {
    get: {
      summary: 'One round (results only when revealed, or for the facilitator)',
      auth: 'any',
      responses: { '200': 'round', ...errors },
    },
  },
  '/api/rounds/{roundId}/me': {
    get: {
      summary: 'My dots and remaining budget (facilitator: ?onBehalfOf=name for a proxy voter)',
      auth: 'participant',
      responses: { '200': 'myVotes, remaining', ...errors },
    },
  },
  '/api/rounds/{roundId}/proxies': {
    get: { summary: 'Proxy voters of a round', auth: 'facilitator', responses: { '200': 'proxies', ...errors } },
  },
  '/api/rounds/{roundId}/pause': {
    post: {
      summary: "Pause the round's timer (idempotent)",
      auth: 'facilitator',
      responses: { '200': 'round', '409': 'round_not_open | round_has_no_timer', ...errors },
    },
  },
  '/api/rounds/{roundId}/resume': {
    post: {
      summary: "Resume the round's timer (idempotent)",
      auth: 'facilitator',
      responses: { '200': 'round', '409': 'round_not_open | round_has_no_timer', ...errors },
    },
  },
  '/api/rounds/{roundId}/extend': {
    post: {
      summary: "Add time to the round's timer (default 60 s)",
      auth: 'facilitator',
      body: ExtendRoundBody,
      responses: { '200': 'round', '409': 'round_not_open | round_has_no_timer', ...errors },
    },
  },
  '/api/boards/{boardId}/shortlist': {
    get: { summary: "The board's shortlist, in order", auth: 'any', responses: { '200': 'shortlist', ...errors } },
    put: {
      summary: 'Replace the shortlist (gathered live into the plenary board)',
      auth: 'facilitator',
      body: PutShortlistBody,
      responses: { '200': 'shortlist', '422': 'unknown_idea', ...errors },
    },
  },
  '/api/boards/{boardId}/shortlist/promote': {
    post: {
      summary: 'Add the top N ideas of a revealed round (ties at the boundary included)',
      auth: 'facilitator',
      body: PromoteShortlistBody,
      responses: { '200': 'shortlist', '404': 'round_not_found', '409': 'not_revealed', ...errors },
    },
  },
  '/api/rounds/{roundId}/results': {
    get: {
      summary: 'Results (others: only when revealed)',
      auth: 'any',
      responses: { '200': 'status, voters, totalVotes, ranking', '403': 'not_revealed' },
    },
  },
  '/api/boards/{boardId}/export': {
    get: {
      summary: 'Export a board',
      auth: 'facilitator',
      query: { format: 'pdf|pdfa|docx|md|csv|xlsx|json|svg|png (pdfa: the report as PDF/A-2b for the archive)' },
      responses: { '200': 'the file (attachment)', ...errors },
    },
  },
  '/api/workshops/{workshopId}/export-settings': {
    get: {
      summary:
        "The result report's settings: names shown, board picture, Ort, Datum, Protokollführung, time zone, logo",
      auth: 'facilitator',
      responses: {
        '200': 'showAuthors, picture, place, date, recorder, timeZone, logo (PNG data URL or null)',
        ...errors,
      },
    },
    put: {
      summary: 'Change any of them (logo: a PNG or SVG data URL, SVG rasterised; null removes it)',
      auth: 'facilitator',
      body: UpdateExportSettingsBody,
      responses: { '200': 'the settings in force', ...errors, '400': 'validation_failed | invalid_logo' },
    },
  },
  '/api/workshops/{workshopId}/retention': {
    get: {
      summary: 'When the server deletes the workshop: days after its date (default RETENTION_DAYS, 90) and the day',
      auth: 'facilitator',
      responses: { '200': 'days, isDefault, deleteOn (YYYY-MM-DD)', ...errors },
    },
    put: {
      summary: 'Set the retention period in days (1..3650), or null for the server default',
      auth: 'facilitator',
      body: RetentionBody,
      responses: { '200': 'days, isDefault, deleteOn', ...errors },
    },
  },
  '/api/workshops/{workshopId}/participants/{participantId}/remove-name': {
    post: {
      summary: "Replace a participant's name by 'Teilnehmende/r' on every board, in history, ballots and exports",
      auth: 'facilitator',
      responses: { '200': 'participantId, name, boardEntries, versions', '404': 'not_found', ...errors },
    },
  },
  '/api/accessibility-statement': {
    get: {
      summary: "The operator's accessibility statement text (ACCESSIBILITY_STATEMENT_FILE), or null",
      auth: 'none',
      responses: { '200': 'text' },
    },
  },
  '/api/workshops/{workshopId}/export': {
    get: {
      summary: 'Export a workshop',
      auth: 'facilitator',
      query: { format: 'zip' },
      responses: { '200': 'ZIP (attachment)', ...errors },
    },
  },
  '/api/workshops/{workshopId}/boards/import': {
    post: {
      summary: "Import a board's JSON export as a new board (body up to IMPORT_BODY_BYTES, 20 MiB)",
      auth: 'facilitator',
      responses: { '201': 'board', ...errors, '413': 'payload_too_large' },
    },
  },
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
}

/** Builds the OpenAPI 3.1 document; request bodies come straight from the shared zod schemas. */
export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [path, methods] of Object.entries(operations)) {
    const parameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }))
    paths[path] = {}
    for (const [method, op] of Object.entries(methods)) {
      const query = Object.entries(op.query ?? {}).map(([name, values]) => ({
        name,
        in: 'query',
        required: true,
        schema: { type: 'string', enum: values.split('|') },
      }))
      paths[path][method] = {
        summary: op.summary,
        ...(parameters.length + query.length > 0 ? { parameters: [...parameters, ...query] } : {}),
        ...(op.auth && op.auth !== 'none' ? { security: [{ bearer: [] }], 'x-role': op.auth } : {}),
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input' }) } },
              },
            }
          : {}),
        ...(op.binaryBody
          ? {
              requestBody: {
                required: true,
                content: Object.fromEntries(
                  op.binaryBody.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
                ),
              },
            }
          : {}),
        responses: Object.fromEntries(
          Object.entries(op.responses).map(([status, description]) => [
            status,
            status.startsWith('2')
              ? { description }
              : { description, content: { 'application/json': { schema: errorSchema } } },
          ]),
        ),
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Pinnwand API', version: `1 (server ${version})` },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Facilitator, participant or projector token; on the WebSocket as the subprotocol ' +
            'pinnwand.token.<token> (offered after pinnwand) or ?token=',
        },
      },
    },
    paths,
    'x-websocket': {
      path: '/ws/{boardId}',
      auth: 'Sec-WebSocket-Protocol: pinnwand, pinnwand.token.{token} (the server answers pinnwand), or ?token={token}',
      protocol: 'y-websocket (y-protocols sync + awareness)',
      closeCodes: {
        4401: 'no/invalid token',
        4403: 'not allowed',
        4404: 'unknown board',
        4400: 'malformed message',
        4422: 'forbidden write',
        4410: 'workshop deleted',
        4429: 'table full (participant limit reached)',
      },
    },
  }
}
