import { ErrorCode, Limits, uploadRecordId } from '@pinnwand/shared'
import { AssetRecordType, type TLRecord } from '@tldraw/tlschema'
import { uploadAsset } from '@pinnwand/shared/assetRoutes'
import { setBoardLock } from '@pinnwand/shared/boardRoutes'
import { routeRequest } from '@pinnwand/shared/contract/callApi'
import { deleteWorkshop } from '@pinnwand/shared/workshopRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assetStoreOf } from '../src/assets/assetRoutes.ts'
import { makePng, jpegHeader } from './helpers/images.ts'
import { callRoute } from './helpers/callRoute.ts'
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

/**
 * POST of raw bytes, as the web app uploads a pasted picture; whatever the answer (callRoute
 * sends JSON bodies only).
 */
async function upload(url: string, boardId: string, token: string | null, data: Uint8Array, type = 'image/png') {
  const wire = routeRequest(uploadAsset, {
    params: { boardId },
    body: data,
    contentType: type,
    ...(token ? { token } : {}),
  })
  const response = await fetch(url + wire.path, { method: wire.method, headers: wire.headers, body: wire.body })
  return { status: response.status, body: (await response.json()) as any, headers: response.headers }
}

/** The picture at `src` as the browser fetches it: headers, HEAD and 304 are what is checked. */
const get = (url: string, src: string, token: string | null, method = 'GET') =>
  fetch(url + src, { method, headers: token ? { authorization: `Bearer ${token}` } : {} })

/** The asset record tldraw writes for a pasted picture: its own id, the upload's URL. */
const imageAsset = (id: string, src: string) =>
  AssetRecordType.create({
    id: id as never,
    type: 'image',
    props: { name: 'foto.png', src, w: 40, h: 30, mimeType: 'image/png', isAnimated: false },
  }) as TLRecord

describe('images uploaded to a board', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let otherBoardId: string
  let ada: { participantId: string; participantToken: string }
  const clients: BoardClient[] = []
  const picture = makePng(40, 30, [10, 120, 200])

  beforeAll(async () => {
    t = await startTestServer({ LOG_LEVEL: 'error' })
    workshop = await createWorkshop(t.url, 2)
    ;[boardId, otherBoardId] = workshop.boardIds as [string, string]
    ada = await joinParticipant(t.url, workshop, 'Ada')
  })
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await t.stop()
  })

  it('stores a participant’s picture, writes its record into the board and serves it to every reader', async () => {
    const watcher = await connectClient(t.url, boardId, workshop.projectorToken)
    clients.push(watcher)
    const res = await upload(t.url, boardId, ada.participantToken, picture)
    expect(res.status).toBe(201)
    const { src, recordId, width, height, bytes, mimeType } = res.body.asset
    expect(src).toMatch(new RegExp(`^/api/boards/${boardId}/assets/img[\\w-]{22}$`))
    expect({ width, height, bytes, mimeType }).toEqual({
      width: 40,
      height: 30,
      bytes: picture.length,
      mimeType: 'image/png',
    })
    // The upload's record reaches every open copy of the board.
    await waitFor(() => watcher.has(recordId), { what: 'upload record at the projector' })
    expect((watcher.records.get(recordId) as { props: { src: string } }).props.src).toBe(src)

    for (const token of [ada.participantToken, workshop.facilitatorToken, workshop.projectorToken]) {
      const served = await get(t.url, src, token)
      expect(served.status).toBe(200)
      expect(Buffer.from(await served.arrayBuffer()).equals(picture)).toBe(true)
      expect(served.headers.get('content-type')).toBe('image/png')
      expect(served.headers.get('x-content-type-options')).toBe('nosniff')
      expect(served.headers.get('content-security-policy')).toMatch(/^sandbox/)
      expect(served.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
    }
    const head = await get(t.url, src, ada.participantToken, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(picture.length))
    const etag = head.headers.get('etag')!
    const again = await fetch(t.url + src, {
      headers: { authorization: `Bearer ${ada.participantToken}`, 'if-none-match': etag },
    })
    expect(again.status).toBe(304)
  })

  it('stores the same picture once per board', async () => {
    const first = await upload(t.url, boardId, workshop.facilitatorToken, makePng(8, 8, [1, 2, 3]))
    const second = await upload(t.url, boardId, ada.participantToken, makePng(8, 8, [1, 2, 3]))
    expect([first.status, second.status]).toEqual([201, 200])
    expect(second.body.asset.src).toBe(first.body.asset.src)
  })

  it('refuses files that are no PNG, JPEG, GIF or WebP by their bytes, whatever they are sent as', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    const cases: [Uint8Array, string][] = [
      [Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/png'],
      [svg, 'image/png'],
      [jpegHeader(20, 20), 'image/png'],
      [picture, 'image/jpeg'],
    ]
    for (const [data, type] of cases) {
      const res = await upload(t.url, boardId, ada.participantToken, data, type)
      expect(res.status, type).toBe(415)
      expect(res.body.error.code).toBe(ErrorCode.unsupportedImage)
    }
    // JSON has the app's own parser: `null` or an object must not reach the image code (a 500 before).
    for (const json of ['null', '{}', '"x"']) {
      const res = await upload(t.url, boardId, ada.participantToken, Buffer.from(json), 'application/json')
      expect([res.status, res.body.error.code], json).toEqual([415, ErrorCode.unsupportedImage])
    }
    const asSvg = await upload(t.url, boardId, ada.participantToken, svg, 'image/svg+xml')
    expect([asSvg.status, asSvg.body.error.code]).toEqual([415, ErrorCode.unsupportedImage])
    expect(asSvg.body.error.message).toMatch(/image\/png/)
    const huge = makePng(Limits.assetPixelsMax + 1, 1)
    expect((await upload(t.url, boardId, ada.participantToken, huge)).status).toBe(422)
  })

  it('refuses a picture over the size limit with a clear 413, and keeps nothing of it', async () => {
    const before = (await assetStoreOf(t.server.store).listAssets(boardId)).length
    const tooBig = makePng(10, 10, [0, 0, 0], Limits.assetBytesMax)
    const res = await upload(t.url, boardId, ada.participantToken, tooBig)
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe(ErrorCode.payloadTooLarge)
    expect(res.body.error.message).toMatch(/larger than 10 MB/)
    expect((await assetStoreOf(t.server.store).listAssets(boardId)).length).toBe(before)
  })

  it('answers only to tokens of the board: no token, the projector writing, another board', async () => {
    const noToken = await upload(t.url, boardId, null, picture)
    expect([noToken.status, noToken.body.error.code]).toEqual([401, ErrorCode.unauthorized])
    const projector = await upload(t.url, boardId, workshop.projectorToken, picture)
    expect(projector.status).toBe(403)
    const { src } = (await upload(t.url, boardId, ada.participantToken, picture)).body.asset
    expect((await get(t.url, src, null)).status).toBe(401)
    // The same id under the other board's path: that board holds no such image.
    const elsewhere = src.replace(boardId, otherBoardId)
    const wrong = await get(t.url, elsewhere, workshop.facilitatorToken)
    expect(wrong.status).toBe(404)
    expect(((await wrong.json()) as any).error.code).toBe(ErrorCode.assetNotFound)
    const stranger = await createWorkshop(t.url)
    expect((await get(t.url, src, stranger.facilitatorToken)).status).toBe(404)
  })

  it('refuses a participant’s upload while the board is locked, and takes the facilitator’s', async () => {
    const lock = (locked: boolean) =>
      callRoute(t.url, setBoardLock, { params: { boardId }, body: { locked }, token: workshop.facilitatorToken })
    expect((await lock(true)).status).toBe(200)
    try {
      const refused = await upload(t.url, boardId, ada.participantToken, makePng(5, 5, [9, 9, 9]))
      expect([refused.status, refused.body.error.code]).toEqual([409, ErrorCode.boardLocked])
      expect((await upload(t.url, boardId, workshop.facilitatorToken, makePng(5, 5, [9, 9, 9]))).status).toBe(201)
    } finally {
      await lock(false)
    }
  })

  it('lets a record point at this board’s uploads only', async () => {
    const writer = await connectClient(t.url, boardId, ada.participantToken)
    const reader = await connectClient(t.url, boardId, workshop.facilitatorToken)
    clients.push(writer, reader)
    const own = (await upload(t.url, boardId, ada.participantToken, makePng(12, 12, [5, 5, 200]))).body.asset
    const foreign = (await upload(t.url, otherBoardId, workshop.facilitatorToken, makePng(12, 12, [200, 5, 5]))).body
      .asset
    await waitFor(() => writer.has(own.recordId), { what: 'upload record at the writer' })

    // tldraw's record for the pasted picture, pointing at this board's upload: it stands.
    const ok = imageAsset('asset:pasted', own.src)
    writer.records.set(ok.id, ok)
    await waitFor(() => reader.has(ok.id), { what: 'asset at the reader' })

    // Another board's upload, an upload that does not exist, a forged upload record: reverted.
    const otherBoards = imageAsset('asset:otherboard', foreign.src)
    const missing = imageAsset('asset:missing', own.src.replace(/img[\w-]{22}$/, 'img' + 'x'.repeat(22)))
    const forgedId = 'img' + 'y'.repeat(22)
    const forged = imageAsset(uploadRecordId(forgedId), `/api/boards/${boardId}/assets/${forgedId}`)
    for (const record of [otherBoards, missing, forged]) {
      writer.records.set(record.id, record)
      await waitFor(() => !writer.has(record.id), { what: `${record.id} reverted` })
    }
    // A forged upload record and an asset pointing at it, in one update: both reverted.
    const forgedTooId = 'img' + 'z'.repeat(22)
    const forgedToo = imageAsset(uploadRecordId(forgedTooId), `/api/boards/${boardId}/assets/${forgedTooId}`)
    const vouched = imageAsset('asset:vouched', `/api/boards/${boardId}/assets/${forgedTooId}`)
    writer.doc.transact(() => {
      writer.records.set(forgedToo.id, forgedToo)
      writer.records.set(vouched.id, vouched)
    })
    await waitFor(() => !writer.has(forgedToo.id) && !writer.has(vouched.id), { what: 'both reverted' })
    // Nobody may delete or rewrite the upload record either (only the facilitator may delete it).
    writer.records.delete(own.recordId)
    await waitFor(() => writer.has(own.recordId), { what: 'upload record restored' })
    expect(reader.has(otherBoards.id) || reader.has(missing.id) || reader.has(forged.id)).toBe(false)
  })

  it('refuses embeds from everyone, the facilitator included', async () => {
    const facilitator = await connectClient(t.url, boardId, workshop.facilitatorToken)
    clients.push(facilitator)
    const embed = {
      id: 'shape:embed1',
      typeName: 'shape',
      type: 'embed',
      x: 0,
      y: 0,
      rotation: 0,
      index: 'a9',
      parentId: 'page:page',
      isLocked: false,
      opacity: 1,
      props: { w: 300, h: 200, url: 'https://www.youtube.com/embed/dQw4w9WgXcQ' },
      meta: {},
    }
    facilitator.records.set(embed.id, embed as never)
    await waitFor(() => !facilitator.has(embed.id), { what: 'embed reverted' })
  })

  it('deletes a board’s images with its workshop', async () => {
    const res = await callRoute(t.url, deleteWorkshop, {
      params: { workshopId: workshop.workshopId },
      token: workshop.facilitatorToken,
    })
    expect(res.status).toBeLessThan(300)
    expect(await assetStoreOf(t.server.store).listAssets(boardId)).toEqual([])
  })
})
