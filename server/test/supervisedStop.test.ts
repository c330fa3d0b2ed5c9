import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { type ChildServer, startChildServer } from './helpers/childServer.ts'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  freshDataDir,
  ideaCard,
  serverRoundTrip,
  userIdOf,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * What a supervisor (docker stop, systemd, a terminal's Ctrl-C) does: SIGTERM to the one process
 * it started. Whatever that process is, the server must flush every board and exit — no server
 * left running unsupervised, nothing a client wrote only in memory.
 */
describe('SIGTERM to the process a supervisor holds', () => {
  const dirs: string[] = []
  const children: ChildServer[] = []
  const clients: BoardClient[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const c of children.splice(0)) {
      const pid = serverPid(c)
      if (pid && alive(pid)) process.kill(pid, 'SIGKILL')
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL')
      await c.exited
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  const serverPid = (c: ChildServer) => c.logs.find((l) => l.msg === 'Pinnwand is running')?.pid as number | undefined

  it.each([
    ['pnpm start', 'pnpm', ['start']],
    ['node scripts/start.mjs (Dockerfile, systemd unit)', process.execPath, ['scripts/start.mjs']],
  ])('%s: flushes, exits 0 and leaves no server behind', async (_name, command, args) => {
    const dataDir = freshDataDir()
    dirs.push(dataDir)
    // start.mjs refuses to serve an unbuilt web app; a stand-in build is enough here.
    const clientDist = path.join(dataDir, 'client-dist')
    mkdirSync(clientDist)
    writeFileSync(path.join(clientDist, 'index.html'), '<!doctype html><title>Pinnwand</title>')
    const started = await startChildServer(
      dataDir,
      { CLIENT_DIST: clientDist, IDLE_UNLOAD_MS: '600000' },
      { command, args, cwd: repoRoot },
    )
    children.push(started)
    const pid = serverPid(started)!
    expect(alive(pid)).toBe(true)

    const workshop = await createWorkshop(started.url)
    const boardId = workshop.boardIds[0]!
    const me = await userIdOf(started.url, workshop.facilitatorToken)
    const client = await connectClient(started.url, boardId, workshop.facilitatorToken)
    clients.push(client)
    const card = ideaCard(me, 'Vor dem Herunterfahren')
    client.records.set(card.id, card)
    await serverRoundTrip(client.provider)

    started.child.kill('SIGTERM')
    const exit = await started.exited
    expect(exit.code).toBe(0)
    await waitFor(() => !alive(pid), { timeout: 10_000, what: 'the server process to end' })
    expect(started.logs.some((l) => l.msg === 'stopped: every board flushed')).toBe(true)

    // Flushed: the board was compacted on the way out; nothing is left only in the update log.
    const db = new SqliteDatabase(path.join(dataDir, 'pinnwand.sqlite'), { readonly: true })
    try {
      const snapshot = db.prepare('select up_to_seq from board_snapshots where board_id = ?').get(boardId) as
        { up_to_seq: number } | undefined
      expect(snapshot).toBeDefined()
      const newer = db
        .prepare('select count(*) as n from board_updates where board_id = ? and seq > ?')
        .get(boardId, snapshot!.up_to_seq) as { n: number }
      expect(newer.n).toBe(0)
    } finally {
      db.close()
    }
  })
})
