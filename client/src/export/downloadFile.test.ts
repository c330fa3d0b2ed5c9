import { describe, expect, it } from 'vitest'
import { fileNameFrom } from './downloadFile.ts'

describe('fileNameFrom', () => {
  it('prefers the UTF-8 name, so umlauts survive', () => {
    expect(fileNameFrom(`attachment; filename="Mobilitaet.pdf"; filename*=UTF-8''Mobilit%C3%A4t.pdf`, 'x')).toBe(
      'Mobilität.pdf',
    )
  })
  it('falls back to the plain name, then to the given one', () => {
    expect(fileNameFrom('attachment; filename="board.csv"', 'x')).toBe('board.csv')
    expect(fileNameFrom(null, 'export.zip')).toBe('export.zip')
    expect(fileNameFrom(`attachment; filename*=UTF-8''%E0%A4%A`, 'fallback.md')).toBe('fallback.md')
  })
})
