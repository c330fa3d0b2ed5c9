import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/**
 * Fonts embedded in PDFs and used to rasterise PNGs. They come from npm packages (Google's
 * Noto TTFs), never from the network or the host's fonts, so a laptop on a venue LAN renders
 * the same documents as a server: Noto Sans covers Latin incl. Turkish/Polish/Vietnamese,
 * Greek and Cyrillic; Noto Sans Arabic the Arabic script; Noto Emoji (monochrome, because
 * PDF viewers cannot show colour emoji fonts) the emoji.
 */
const require = createRequire(import.meta.url)

export const FontFiles = {
  regular: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf'),
  arabic: require.resolve('@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf'),
  arabicBold: require.resolve('@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf'),
  emoji: require.resolve('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf'),
} as const

export type FontName = keyof typeof FontFiles

let cache: Record<FontName, Buffer> | undefined

/** The font files' bytes, read once per process (about 2 MB). */
export function fontBuffers(): Record<FontName, Buffer> {
  cache ??= Object.fromEntries(
    Object.entries(FontFiles).map(([name, file]) => [name, readFileSync(file)]),
  ) as Record<FontName, Buffer>
  return cache
}

export const FontFamily = { sans: 'Noto Sans', arabic: 'Noto Sans Arabic', emoji: 'Noto Emoji' } as const

export const FontScript = { latin: 'latin', arabic: 'arabic', emoji: 'emoji' } as const
export type FontScript = (typeof FontScript)[keyof typeof FontScript]

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u200D\uFE0F\u20E3]/u

function scriptOf(char: string, previous: FontScript): FontScript {
  if (ARABIC.test(char)) return FontScript.arabic
  if (EMOJI.test(char)) return FontScript.emoji
  // Spaces and digits stay with the run they are in, so an Arabic sentence is shaped as one run.
  if (/[\s\d.,:;!?()\-]/.test(char) && previous !== FontScript.emoji) return previous
  return FontScript.latin
}

/**
 * Splits text into runs that one font can draw. pdfkit draws each run with its own font;
 * keeping runs long lets fontkit shape Arabic and join emoji sequences correctly.
 */
export function splitByScript(text: string): { script: FontScript; text: string }[] {
  const runs: { script: FontScript; text: string }[] = []
  let current: FontScript = FontScript.latin
  for (const char of text) {
    // Skin tone modifiers and keycaps belong to the emoji before them.
    const script = /[\u{1F3FB}-\u{1F3FF}]/u.test(char) ? FontScript.emoji : scriptOf(char, current)
    const last = runs[runs.length - 1]
    if (last && last.script === script) last.text += char
    else runs.push({ script, text: char })
    current = script
  }
  return runs
}
