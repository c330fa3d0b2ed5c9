import { deflateSync } from 'node:zlib'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), 8 + data.length)
  return out
}

/**
 * A real, decodable PNG of `width` × `height` RGB pixels in one colour. `noiseBytes` adds an
 * ancillary chunk of random bytes, so a picture can be made as large as a phone photo.
 */
export function makePng(
  width: number,
  height: number,
  rgb: [number, number, number] = [200, 40, 40],
  noiseBytes = 0,
): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.alloc(1 + width * 3)
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3)
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)]
  if (noiseBytes > 0) {
    const noise = Buffer.alloc(noiseBytes)
    for (let i = 0; i < noiseBytes; i++) noise[i] = (i * 2654435761) >>> 24
    parts.push(chunk('zzNz', noise))
  }
  parts.push(chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array()))
  return Buffer.concat(parts)
}

/** The first bytes of a JPEG up to its frame header (enough for the type and size). */
export function jpegHeader(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 3])
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'ascii'),
    Buffer.alloc(9),
    sof,
    Buffer.alloc(9),
    Buffer.from([0xff, 0xd9]),
  ])
}
