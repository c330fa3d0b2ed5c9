import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { createComment } from '@pinnwand/shared/commentRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { saveVersion } from '@pinnwand/shared/historyRoutes'
import { createIdea } from '@pinnwand/shared/ideaRoutes'
import { castVote, closeRound, openRound, revealRound } from '@pinnwand/shared/votingRoutes'
import { joinParticipant, type TestWorkshop } from './testServer.ts'

/** What a workshop holds about a person, written through the API as people would. */
export interface FilledWorkshop {
  participantId: string
  participantToken: string
  name: string
  ideaId: string
  ideaText: string
  commentText: string
  roundId: string
}

/**
 * A participant joins, writes an idea and a comment, places a dot in a non-anonymous round,
 * and the facilitator saves a version: the name is then in the board document, its history,
 * the participant row and a ballot.
 */
export async function fillWorkshop(url: string, workshop: TestWorkshop, name: string): Promise<FilledWorkshop> {
  const boardId = workshop.boardIds[0]!
  const { participantId, participantToken } = await joinParticipant(url, workshop, name)
  const ideaText = `Radweg am Kanal (${workshop.workshopId})`
  const server = { baseUrl: url }
  const idea = await callApi(
    createIdea,
    { params: { boardId }, body: { text: ideaText }, token: participantToken },
    server,
  )
  if (!('idea' in idea)) throw new Error(`idea held for moderation: ${JSON.stringify(idea)}`)
  const ideaId = idea.idea.id
  const commentText = `Unbedingt beleuchtet (${workshop.workshopId})`
  await callApi(
    createComment,
    { params: { boardId, ideaId }, body: { text: commentText }, token: participantToken },
    server,
  )
  const { roundId } = await callApi(
    openRound,
    { params: { boardId }, body: { dotsPerParticipant: 3, anonymous: false }, token: workshop.facilitatorToken },
    server,
  )
  await callApi(castVote, { params: { roundId }, body: { ideaId, delta: 1 }, token: participantToken }, server)
  // Closed and revealed: the ranking (with the ballots) is part of the record from here on.
  for (const step of [closeRound, revealRound])
    await callApi(step, { params: { roundId }, token: workshop.facilitatorToken }, server)
  await callApi(
    saveVersion,
    { params: { boardId }, body: { name: 'Stand nach der Sammlung' }, token: workshop.facilitatorToken },
    server,
  )
  return { participantId, participantToken, name, ideaId, ideaText, commentText, roundId }
}

/** Every row of every table, as text (binary columns decoded as UTF-8, where Yjs keeps strings). */
export type TableDump = Map<string, string[]>

const asText = (value: unknown): string =>
  value instanceof Uint8Array
    ? Buffer.from(value).toString('utf8')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value)

export function dumpSqlite(file: string): TableDump {
  const db = new SqliteDatabase(file, { readonly: true })
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .all() as { name: string }[]
    return new Map(
      tables.map(({ name }) => [
        name,
        (db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]).map((row) =>
          Object.values(row).map(asText).join(' | '),
        ),
      ]),
    )
  } finally {
    db.close()
  }
}

export async function dumpPostgres(url: string): Promise<TableDump> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const tables = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    )
    const dump: TableDump = new Map()
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`select * from "${table_name}"`)
      dump.set(
        table_name,
        rows.rows.map((row: Record<string, unknown>) => Object.values(row).map(asText).join(' | ')),
      )
    }
    return dump
  } finally {
    await client.end()
  }
}

/** Tables (and how many rows) in which any of the needles still occurs. */
export function tablesContaining(dump: TableDump, needles: string[]): Record<string, number> {
  const found: Record<string, number> = {}
  for (const [table, rows] of dump) {
    const hits = rows.filter((row) => needles.some((needle) => row.includes(needle))).length
    if (hits > 0) found[table] = hits
  }
  return found
}

/** The raw bytes of every file of the data directory that contain one of the needles. */
export function filesContaining(dataDir: string, needles: string[]): string[] {
  return readdirSync(dataDir)
    .filter((file) => file.startsWith('pinnwand.sqlite'))
    .filter((file) => {
      const bytes = readFileSync(path.join(dataDir, file))
      return needles.some((needle) => bytes.includes(Buffer.from(needle, 'utf8')))
    })
}
