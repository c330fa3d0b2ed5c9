// The bench package type-checks server files without their folder: the declarations come along.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./fontkit.d.ts" />
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { create, type Font } from 'fontkit'

/**
 * Fonts embedded in PDFs and used to rasterise PNGs. They come from npm packages (Google's
 * Noto TTFs), never from the network or the host's fonts, so a laptop on a venue LAN renders
 * the same documents as a server: Noto Sans covers Latin incl. Turkish/Polish/Vietnamese,
 * Greek and Cyrillic; DejaVu Sans the Arabic script (Noto Sans Arabic builds letters from a
 * dotless skeleton plus dot glyphs, which makes PDF text extraction and copy & paste return
 * the wrong letters; DejaVu has one glyph per letter form); Noto Emoji (monochrome, because
 * PDF viewers cannot show colour emoji fonts) the emoji.
 */
const require = createRequire(import.meta.url)

export const FontFiles = {
  regular: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf'),
  arabic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  arabicBold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  emoji: require.resolve('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf'),
} as const

export type FontName = keyof typeof FontFiles

let cache: Record<FontName, Buffer> | undefined

/** The font files' bytes, read once per process (about 2 MB). */
export function fontBuffers(): Record<FontName, Buffer> {
  cache ??= Object.fromEntries(Object.entries(FontFiles).map(([name, file]) => [name, readFileSync(file)])) as Record<
    FontName,
    Buffer
  >
  return cache
}

export const FontFamily = { sans: 'Noto Sans', arabic: 'DejaVu Sans', emoji: 'Noto Emoji' } as const

export const FontScript = { latin: 'latin', arabic: 'arabic', emoji: 'emoji' } as const
export type FontScript = (typeof FontScript)[keyof typeof FontScript]

interface Coverage {
  latin: Font
  arabic: Font
  emoji: Font
}
let coverage: Coverage | undefined

function fontsCoverage(): Coverage {
  const buffers = fontBuffers()
  coverage ??= { latin: create(buffers.regular), arabic: create(buffers.arabic), emoji: create(buffers.emoji) }
  return coverage
}

/** Joiners, variation selectors and skin tones belong to the run they follow. */
// eslint-disable-next-line no-misleading-character-class -- single code points on purpose: each attaches to the run before it
const ATTACHED = /[\u200C\u200D\uFE00-\uFE0F\u20E3\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/u
/** Characters every font has (spaces, digits, punctuation) stay with the surrounding run. */
const NEUTRAL = /[\s\d.,:;!?()\-–—"'«»„“”]/u
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u

function scriptOf(char: string, previous: FontScript | null): FontScript {
  const code = char.codePointAt(0) ?? 0
  if (previous && (ATTACHED.test(char) || (NEUTRAL.test(char) && previous !== FontScript.emoji))) return previous
  const fonts = fontsCoverage()
  // Emoji presentation first: Noto Sans has a few pictographs (©, ™) that should stay text.
  if (PICTOGRAPHIC.test(char) && !fonts.latin.hasGlyphForCodePoint(code) && fonts.emoji.hasGlyphForCodePoint(code))
    return FontScript.emoji
  if (fonts.latin.hasGlyphForCodePoint(code)) return FontScript.latin
  if (fonts.arabic.hasGlyphForCodePoint(code)) return FontScript.arabic
  if (fonts.emoji.hasGlyphForCodePoint(code)) return FontScript.emoji
  return previous ?? FontScript.latin
}

/**
 * Splits text into runs that one font can draw, chosen by the fonts' real glyph coverage.
 * pdfkit draws each run with its own font; keeping runs long lets fontkit shape Arabic and
 * join emoji sequences correctly.
 */
export function splitByScript(text: string): { script: FontScript; text: string }[] {
  const runs: { script: FontScript; text: string }[] = []
  let current: FontScript | null = null
  for (const char of text) {
    const script = scriptOf(char, current)
    const last = runs[runs.length - 1]
    if (last && last.script === script) last.text += char
    else runs.push({ script, text: char })
    current = script
  }
  return runs
}
