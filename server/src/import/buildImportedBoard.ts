import { ErrorCode, replaceComments } from '@pinnwand/shared'
import type { TLSchema } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { createBoardDocumentFromRecords } from '../domain/boardDocument.ts'
import { isIdeaCard } from '../domain/ideas.ts'
import { prepareImportedComments, prepareImportedRecords } from '../domain/importBoard.ts'
import { type BoardExport, BoardExportError, parseBoardExport } from '../export/json.ts'
import { type ImportedImage, rebaseUploads } from '../assets/boardImages.ts'

/** What restoring the voting results needs of the backup's report (importRounds.ts). */
export type ImportedVoting = Pick<BoardExport['report'], 'rounds' | 'shortlist' | 'clusters' | 'unclusteredIdeas'>

export type ImportedBoard =
  | {
      ok: true
      /** The whole board document as one Yjs update, ready for `store.addBoard`. */
      update: Uint8Array
      title: string
      question: string
      recordCount: number
      ideaCount: number
      voting: ImportedVoting
      /** The backup's pictures, renamed for the new board (assets/boardImages.ts). */
      images: ImportedImage[]
      /** Pictures the backup pointed at but held no bytes for (left out). */
      missingImages: number
    }
  | { ok: false; status: number; code: string; message: string }

/** An upload: the body as parsed by the HTTP layer (small ones), or its raw JSON bytes. */
export type ImportInput = ({ body: unknown } | { bytes: Uint8Array }) & {
  /** The new board's id: its pictures' URLs name it. */
  boardId: string
}

// `__proto__` keys are refused, as fastify's own JSON parser does (prototype poisoning).
function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('Object contains forbidden prototype property')
  if (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value)
    throw new SyntaxError('Object contains forbidden prototype property')
  return value
}

const refuse = (code: string, message: string): ImportedBoard => ({ ok: false, status: 400, code, message })

/**
 * Everything a board import computes, from the uploaded bytes to the encoded document: parse,
 * check the export, migrate and check every record and comment, build the Yjs document. Pure
 * and synchronous, so it runs in the import worker (boardImportWorker.ts) and a 20 MiB import
 * costs the event loop nothing but the store write. Either a whole board or a reason.
 */
export function buildImportedBoard(schema: TLSchema, input: ImportInput): ImportedBoard {
  let body = 'body' in input ? input.body : undefined
  if ('bytes' in input) {
    try {
      body = JSON.parse(new TextDecoder().decode(input.bytes), refusePrototypeKeys)
    } catch (error) {
      return refuse(ErrorCode.badRequest, `Invalid JSON: ${(error as Error).message}`)
    }
  }
  let backup: BoardExport
  try {
    backup = parseBoardExport(body)
  } catch (error) {
    if (error instanceof BoardExportError) return refuse('invalid_board_export', error.message)
    throw error
  }
  const rebased = rebaseUploads(backup.document.records, backup.document.images, input.boardId)
  if (!rebased.ok) return refuse('invalid_board_export', `This board export cannot be imported: ${rebased.reason}.`)
  const prepared = prepareImportedRecords(schema, backup.document.schema, rebased.records, {
    trustedUploads: rebased.trustedUploads,
  })
  if (!prepared.ok) return refuse('invalid_board_export', `This board export cannot be imported: ${prepared.reason}.`)
  const comments = prepareImportedComments(backup.document.comments)
  if (!comments.ok) return refuse('invalid_board_export', `This board export cannot be imported: ${comments.reason}.`)
  const doc = createBoardDocumentFromRecords(schema, prepared.records)
  replaceComments(doc, comments.comments)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  // Only the shortlisted ideas' texts are needed; the rest of the report stays in the worker.
  const shortlisted = new Set(backup.report.shortlist)
  const ideas = [...backup.report.clusters.flatMap((c) => c.ideas), ...backup.report.unclusteredIdeas]
  return {
    ok: true,
    update,
    title: backup.meta.board.title,
    question: backup.meta.board.question ?? '',
    recordCount: prepared.records.length,
    ideaCount: prepared.records.filter(isIdeaCard).length,
    voting: {
      rounds: backup.report.rounds,
      shortlist: backup.report.shortlist,
      clusters: [],
      unclusteredIdeas: ideas.filter((idea) => shortlisted.has(idea.id)),
    },
    images: rebased.images,
    missingImages: rebased.missing,
  }
}
