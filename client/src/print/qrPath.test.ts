import { describe, expect, it } from 'vitest'
import { qrPath } from './qrPath.ts'

describe('qrPath', () => {
  it('draws a square code with the three finder patterns of a QR code', () => {
    const { size, path } = qrPath('http://192.168.1.20:8080/join/ABCDEF?board=b_abcdefghijklmnop')
    expect(size).toBeGreaterThanOrEqual(21)
    expect((size - 17) % 4).toBe(0)
    // Finder patterns: the top-left corners of the three 7×7 squares are dark.
    expect(path).toContain('M0 0h1v1h-1z')
    expect(path).toContain(`M${size - 7} 0h1v1h-1z`)
    expect(path).toContain(`M0 ${size - 7}h1v1h-1z`)
    // The light ring inside each finder pattern.
    expect(path).not.toContain('M1 1h1v1h-1z')
    expect(path).not.toContain(`M${size - 2} 1h1v1h-1z`)
  })
})
