import { describe, expect, it } from 'vitest'
import { makePng } from '../../test/helpers/images.ts'
import { rebaseUploads } from './boardImages.ts'

const OLD = 'img' + 'a'.repeat(22)
const TWIN = 'img' + 'b'.repeat(22)
const oldUrl = (id: string) => `/api/boards/b_old/assets/${id}`
const image = (id: string, png = makePng(4, 3)) => ({ id, mimeType: 'image/png', data: png.toString('base64') })
const asset = (id: string, src: string | null) => ({ id, typeName: 'asset', type: 'image', props: { src, w: 4, h: 3 } })

describe('rebaseUploads', () => {
  let counter = 0
  const makeId = () => `img${String(++counter).padStart(22, '0')}`

  it('gives every picture a new id on the new board and moves records and shapes along', () => {
    const records = [
      asset(`asset:${OLD}`, oldUrl(OLD)),
      asset('asset:pasted', oldUrl(OLD)),
      { id: 'shape:pic', typeName: 'shape', type: 'image', props: { assetId: `asset:${OLD}` } },
      { id: 'shape:card', typeName: 'shape', type: 'idea-card', props: { text: 'bleibt' } },
    ]
    const result = rebaseUploads(records, [image(OLD)], 'b_new', makeId)
    if (!result.ok) throw new Error(result.reason)
    const [newId] = result.images.map((i) => i.id)
    const url = `/api/boards/b_new/assets/${newId}`
    expect(result.records).toEqual([
      asset(`asset:${newId}`, url),
      asset('asset:pasted', url),
      { id: 'shape:pic', typeName: 'shape', type: 'image', props: { assetId: `asset:${newId}` } },
      records[3],
    ])
    expect([...result.trustedUploads]).toEqual([`asset:${newId}`])
    expect(result.images[0]).toMatchObject({ mimeType: 'image/png', width: 4, height: 3 })
  })

  it('stores the same picture once, keeps one upload record, and leaves out pictures without bytes', () => {
    const records = [
      asset(`asset:${OLD}`, oldUrl(OLD)),
      asset(`asset:${TWIN}`, oldUrl(TWIN)),
      asset('asset:gone', oldUrl('img' + 'c'.repeat(22))),
      asset(`asset:${'img' + 'c'.repeat(22)}`, oldUrl('img' + 'c'.repeat(22))),
    ]
    const result = rebaseUploads(records, [image(OLD), image(TWIN)], 'b_new', makeId)
    if (!result.ok) throw new Error(result.reason)
    expect(result.images).toHaveLength(1)
    expect(result.records.map((r) => (r as { id: string }).id)).toEqual([`asset:${result.images[0]!.id}`, 'asset:gone'])
    expect((result.records[1] as { props: { src: unknown } }).props.src).toBeNull()
    expect(result.missing).toBe(2)
  })

  it('refuses pictures that are not what they claim, or too large', () => {
    const svg = { id: OLD, mimeType: 'image/png', data: Buffer.from('<svg/>').toString('base64') }
    expect(rebaseUploads([], [svg], 'b_new')).toMatchObject({ ok: false })
    expect(rebaseUploads([], [{ ...image(OLD), mimeType: 'image/gif' }], 'b_new')).toMatchObject({ ok: false })
    expect(rebaseUploads([], [{ ...image(OLD), id: '../etc/passwd' }], 'b_new')).toMatchObject({ ok: false })
    expect(rebaseUploads([], [image(OLD, makePng(20_000, 1))], 'b_new')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/pixels/),
    })
  })
})
