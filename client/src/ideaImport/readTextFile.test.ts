import { describe, expect, it } from 'vitest'
import { decodeTextFile } from './readTextFile.ts'

describe('decodeTextFile', () => {
  it('reads UTF-8 (with or without byte order mark)', () => {
    const bytes = new TextEncoder().encode('\uFEFFIdee;Cluster\r\nGrünfläche;Umwelt 🌳')
    // The decoder drops the byte order mark; the parser would too.
    expect(decodeTextFile(bytes)).toBe('Idee;Cluster\r\nGrünfläche;Umwelt 🌳')
  })

  it('reads Windows-1252 from German Excel when the bytes are not UTF-8', () => {
    // "Grünfläche;Straße" in Windows-1252: ü = 0xFC, ä = 0xE4, ß = 0xDF.
    const bytes = new Uint8Array([
      0x47, 0x72, 0xfc, 0x6e, 0x66, 0x6c, 0xe4, 0x63, 0x68, 0x65, 0x3b, 0x53, 0x74, 0x72, 0x61, 0xdf, 0x65,
    ])
    expect(decodeTextFile(bytes)).toBe('Grünfläche;Straße')
  })
})
