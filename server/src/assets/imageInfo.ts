import type { UploadImageType } from '@pinnwand/shared'

/** What an uploaded file really is, judged by its bytes (never by its name or declared type). */
export interface ImageInfo {
  mimeType: UploadImageType
  width: number
  height: number
  /** GIFs may move; tldraw then offers to play them. */
  animated: boolean
}

const startsWith = (data: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b)

const ascii = (data: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...data.subarray(at, at + length))

const u16be = (d: Uint8Array, at: number) => (d[at]! << 8) | d[at + 1]!
const u16le = (d: Uint8Array, at: number) => d[at]! | (d[at + 1]! << 8)
const u24le = (d: Uint8Array, at: number) => d[at]! | (d[at + 1]! << 8) | (d[at + 2]! << 16)
const u32be = (d: Uint8Array, at: number) =>
  ((d[at]! << 24) >>> 0) + ((d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!)

function png(d: Uint8Array): ImageInfo | null {
  if (!startsWith(d, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) || d.length < 24) return null
  if (ascii(d, 12, 4) !== 'IHDR') return null
  return { mimeType: 'image/png', width: u32be(d, 16), height: u32be(d, 20), animated: false }
}

function gif(d: Uint8Array): ImageInfo | null {
  const signature = ascii(d, 0, 6)
  if ((signature !== 'GIF87a' && signature !== 'GIF89a') || d.length < 10) return null
  return { mimeType: 'image/gif', width: u16le(d, 6), height: u16le(d, 8), animated: true }
}

function webp(d: Uint8Array): ImageInfo | null {
  if (d.length < 30 || ascii(d, 0, 4) !== 'RIFF' || ascii(d, 8, 4) !== 'WEBP') return null
  const chunk = ascii(d, 12, 4)
  const info = (width: number, height: number): ImageInfo => ({
    mimeType: 'image/webp',
    width,
    height,
    animated: false,
  })
  if (chunk === 'VP8X') return info(u24le(d, 24) + 1, u24le(d, 27) + 1)
  if (chunk === 'VP8L' && d[20] === 0x2f) {
    const bits = d[21]! | (d[22]! << 8) | (d[23]! << 16) | (d[24]! << 24)
    return info((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1)
  }
  if (chunk === 'VP8 ' && startsWith(d, [0x9d, 0x01, 0x2a], 23))
    return info(u16le(d, 26) & 0x3fff, u16le(d, 28) & 0x3fff)
  return null
}

/** JPEG: the size is in the first start-of-frame segment, after any number of other segments. */
function jpeg(d: Uint8Array): ImageInfo | null {
  if (!startsWith(d, [0xff, 0xd8, 0xff])) return null
  let at = 2
  while (at + 9 < d.length) {
    if (d[at] !== 0xff) return null
    const marker = d[at + 1]!
    if (marker === 0xff) {
      at += 1
      continue
    }
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { mimeType: 'image/jpeg', width: u16be(d, at + 7), height: u16be(d, at + 5), animated: false }
    }
    if (marker === 0xd9 || marker === 0xda) return null
    at += 2 + u16be(d, at + 2)
  }
  return null
}

/**
 * Recognises PNG, JPEG, GIF and WebP by their first bytes and reads the picture's size. Null for
 * anything else — SVG included: an SVG is a document that may carry script and outside
 * references, not a picture, and no browser should open one from this origin.
 */
export function readImageInfo(data: Uint8Array): ImageInfo | null {
  const info = png(data) ?? jpeg(data) ?? gif(data) ?? webp(data)
  if (!info || info.width < 1 || info.height < 1) return null
  return info
}
