import { uploadRecordId } from '@pinnwand/shared'
import { AssetRecordType, type TLRecord } from '@tldraw/tlschema'
import { uploadAsset } from '@pinnwand/shared/assetRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { exportBoard } from '@pinnwand/shared/exportRoutes'
import { importBoard } from '@pinnwand/shared/importRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { makePng } from './helpers/images.ts'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  joinParticipant,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

type Backup = {
  document: { records: Record<string, any>[]; images?: { id: string; mimeType: string; data: string }[] }
}

/** A board's pictures survive its JSON backup and an import into a new board. */
describe('uploaded pictures in the board backup', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  const clients: BoardClient[] = []
  const picture = makePng(60, 40, [250, 180, 20])
  let uploadSrc: string

  beforeAll(async () => {
    t = await startTestServer({ LOG_LEVEL: 'error' })
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    const ada = await joinParticipant(t.url, workshop, 'Ada')
    const { asset } = await callApi(
      uploadAsset,
      { params: { boardId }, body: picture, contentType: 'image/png', token: ada.participantToken },
      { baseUrl: t.url },
    )
    uploadSrc = asset.src
    // tldraw's own record of the pasted picture, pointing at the upload.
    const writer = await connectClient(t.url, boardId, ada.participantToken)
    clients.push(writer)
    await waitFor(() => writer.has(asset.recordId), { what: 'upload record' })
    const pasted = AssetRecordType.create({
      id: 'asset:pasted' as never,
      type: 'image',
      props: { name: 'foto.png', src: asset.src, w: 60, h: 40, mimeType: 'image/png', isAnimated: false },
    }) as TLRecord
    writer.records.set(pasted.id, pasted)
    const reader = await connectClient(t.url, boardId, workshop.facilitatorToken)
    clients.push(reader)
    await waitFor(() => reader.has(pasted.id), { what: 'pasted asset stands' })
  })
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await t.stop()
  })

  const exportJson = async (): Promise<Backup> => {
    const file = await callApi(
      exportBoard,
      { params: { boardId }, query: { format: 'json' }, token: workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    return JSON.parse(await file.text())
  }
  const importBackup = (body: unknown) =>
    callRoute(t.url, importBoard, {
      params: { workshopId: workshop.workshopId },
      token: workshop.facilitatorToken,
      body,
    })
  const src = (records: Map<string, TLRecord> | BoardClient, id: string) =>
    (
      (records instanceof Map ? records.get(id) : records.records.get(id)) as
        { props: { src: string | null } } | undefined
    )?.props.src

  it('exports the pictures with their bytes and imports them into the new board', async () => {
    const backup = await exportJson()
    expect(backup.document.images).toHaveLength(1)
    expect(Buffer.from(backup.document.images![0]!.data, 'base64').equals(picture)).toBe(true)

    const res = await importBackup(backup)
    expect(res.status).toBe(201)
    const newBoard = res.body.board.id
    const copy = await connectClient(t.url, newBoard, workshop.facilitatorToken)
    clients.push(copy)
    // The pasted picture now points at the new board's copy, which the new board serves.
    const moved = src(copy, 'asset:pasted')!
    expect(moved).toMatch(new RegExp(`^/api/boards/${newBoard}/assets/img[\\w-]{22}$`))
    expect(moved).not.toBe(uploadSrc.replace(boardId, newBoard))
    // The src exactly as the board holds it, fetched as the browser does.
    const served = await fetch(t.url + moved, { headers: { authorization: `Bearer ${workshop.facilitatorToken}` } })
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer()).equals(picture)).toBe(true)
    // Its upload record moved along, so the record rules keep accepting the picture there.
    const uploadId = moved.split('/').pop()!
    expect(src(copy, uploadRecordId(uploadId))).toBe(moved)
    // The original board still has its own.
    expect(
      (await fetch(t.url + uploadSrc, { headers: { authorization: `Bearer ${workshop.facilitatorToken}` } })).status,
    ).toBe(200)
  })

  it('imports a backup without the pictures’ bytes, leaving those pictures out', async () => {
    const backup = await exportJson()
    delete backup.document.images
    const res = await importBackup(backup)
    expect(res.status).toBe(201)
    const copy = await connectClient(t.url, res.body.board.id, workshop.facilitatorToken)
    clients.push(copy)
    expect(src(copy, 'asset:pasted')).toBeNull()
    const uploadRecords = [...copy.records.map.keys()].filter((id) => id.startsWith('asset:img'))
    expect(uploadRecords).toEqual([])
  })

  it('refuses a backup whose picture is not what it claims, or vouches for an upload it does not carry', async () => {
    const backup = await exportJson()
    const disguised = structuredClone(backup)
    disguised.document.images![0]!.data = Buffer.from('<svg onload="alert(1)"/>').toString('base64')
    const refused = await importBackup(disguised)
    expect(refused.status).toBe(400)
    expect(refused.body.error?.message).toMatch(/is not the image\/png picture it claims to be/)

    // An upload record without bytes in the backup (a forged one) does not come along.
    const forged = structuredClone(backup)
    delete forged.document.images
    const forgedId = 'img' + 'z'.repeat(22)
    forged.document.records.push({
      ...forged.document.records.find((r) => r.id === 'asset:pasted'),
      id: uploadRecordId(forgedId),
      props: {
        ...forged.document.records.find((r) => r.id === 'asset:pasted')!.props,
        src: `/api/boards/${boardId}/assets/${forgedId}`,
      },
    })
    const res = await importBackup(forged)
    expect(res.status).toBe(201)
    const copy = await connectClient(t.url, res.body.board.id, workshop.facilitatorToken)
    clients.push(copy)
    expect(copy.has(uploadRecordId(forgedId))).toBe(false)
  })
})
