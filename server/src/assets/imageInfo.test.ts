import { describe, expect, it } from 'vitest'
import { jpegHeader, makePng } from '../../test/helpers/images.ts'
import { readImageInfo } from './imageInfo.ts'

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)))

describe('readImageInfo', () => {
  it('reads type and size of PNG, JPEG, GIF and WebP from their bytes', () => {
    expect(readImageInfo(makePng(640, 480))).toEqual({
      mimeType: 'image/png',
      width: 640,
      height: 480,
      animated: false,
    })
    expect(readImageInfo(jpegHeader(1024, 768))).toMatchObject({ mimeType: 'image/jpeg', width: 1024, height: 768 })
    expect(readImageInfo(bytes('GIF89a', [0x20, 0x01, 0x10, 0x00], new Array(20).fill(0)))).toMatchObject({
      mimeType: 'image/gif',
      width: 288,
      height: 16,
    })
    // VP8X (extended WebP): 24-bit width-1 and height-1.
    const vp8x = bytes(
      'RIFF',
      [0, 0, 0, 0],
      'WEBP',
      'VP8X',
      [10, 0, 0, 0],
      [0, 0, 0, 0],
      [0x7f, 0x02, 0x00],
      [0xdf, 0x01, 0x00],
      [0, 0],
    )
    expect(readImageInfo(vp8x)).toMatchObject({ mimeType: 'image/webp', width: 640, height: 480 })
  })

  it('refuses what is no picture, whatever it is called: SVG, HTML, text, truncated headers', () => {
    expect(readImageInfo(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull()
    expect(readImageInfo(bytes('<!doctype html><script>alert(1)</script>'))).toBeNull()
    expect(readImageInfo(bytes('hello'))).toBeNull()
    expect(readImageInfo(makePng(10, 10).subarray(0, 20))).toBeNull()
    expect(readImageInfo(new Uint8Array())).toBeNull()
    // A PNG of zero pixels is no picture either.
    expect(readImageInfo(makePng(0, 0))).toBeNull()
  })
})
