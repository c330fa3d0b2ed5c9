/** The one fontkit call used (fontkit ships no types): glyph coverage for font fallback. */
declare module 'fontkit' {
  interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean
  }
  export function create(buffer: Buffer): Font
}
