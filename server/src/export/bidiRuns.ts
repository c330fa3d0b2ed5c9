import bidiModule, { type EmbeddingLevels } from 'bidi-js'
import { FontScript, splitByScript } from './fonts.ts'

/**
 * Right-to-left text (Arabic, Hebrew) for writers that place glyphs left to right, like pdfkit.
 * The Unicode bidi algorithm (bidi-js, UAX #9) decides the visual order of a line; fontkit then
 * shapes each right-to-left run from its logical text and lays its glyphs out right to left, so
 * a run is handed over in logical order and only the order of the runs is visual.
 */
// bidi-js is CommonJS (`module.exports = factory`) typed as an ES default export: Node hands the
// factory over as the default import, TypeScript believes it is the module object.
const bidi = (bidiModule as unknown as typeof bidiModule.default)()

const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u

/** True when the text has a right-to-left letter: only then does it need the bidi pass. */
export function hasRightToLeft(text: string): boolean {
  return RIGHT_TO_LEFT.test(text)
}

export interface BidiParagraphs {
  text: string
  levels: EmbeddingLevels
}

/** Resolves the embedding levels once for the whole text (each `\n` starts a paragraph). */
export function resolveBidi(text: string): BidiParagraphs {
  return { text, levels: bidi.getEmbeddingLevels(text) }
}

/** True when the paragraph holding `index` runs right to left (its first strong letter is RTL). */
export function isRightToLeftParagraph(resolved: BidiParagraphs, index: number): boolean {
  const paragraph = resolved.levels.paragraphs.find((p) => index >= p.start && index <= p.end)
  return ((paragraph?.level ?? 0) & 1) === 1
}

/**
 * A piece of one line. `text` is in logical order (as typed); `rtl` says whether the writer's
 * shaper lays it out right to left. Pieces come in visual order, left to right.
 */
export interface VisualRun {
  text: string
  rtl: boolean
}

/** The visual runs of the line `start`..`end` (UTF-16 indices, end exclusive) of a resolved text. */
export function visualRuns(resolved: BidiParagraphs, start: number, end: number): VisualRun[] {
  if (end <= start) return []
  const { text, levels } = resolved
  const order = Array.from({ length: end - start }, (_, i) => start + i)
  for (const segment of bidi.getReorderSegments(text, levels, start, end - 1)) {
    const [from, to] = segment as [number, number]
    const a = from - start
    const b = to - start
    const reversed = order.slice(a, b + 1).reverse()
    order.splice(a, reversed.length, ...reversed)
  }
  const runs: VisualRun[] = []
  let i = 0
  while (i < order.length) {
    const first = order[i]!
    const rtl = (levels.levels[first]! & 1) === 1
    const step = rtl ? -1 : 1
    let j = i + 1
    while (j < order.length && order[j] === order[j - 1]! + step && (levels.levels[order[j]!]! & 1) === (rtl ? 1 : 0))
      j++
    const low = rtl ? order[j - 1]! : first
    const high = rtl ? first : order[j - 1]!
    runs.push({ text: text.slice(low, high + 1), rtl })
    i = j
  }
  return runs
}

/**
 * The font pieces of a run, left to right, each drawn as one string. In a right-to-left run a
 * piece without a right-to-left letter (a bracket or colon between Arabic words) is reversed and
 * mirrored here, because the shaper would lay it out left to right; emoji stay as they are.
 */
export function piecesLeftToRight(run: VisualRun): { script: FontScript; text: string }[] {
  const pieces = splitByScript(run.text)
  if (!run.rtl) return pieces
  return pieces
    .reverse()
    .map((piece) =>
      hasRightToLeft(piece.text) || piece.script === FontScript.emoji
        ? piece
        : { ...piece, text: mirrorReversed(piece.text) },
    )
}

/** Brackets of a right-to-left word, mirrored: fontkit turns the glyph order round but not a bracket. */
export function mirrorBrackets(text: string): string {
  return Array.from(text, (char) => bidi.getMirroredCharacter(char) ?? char).join('')
}

/** A right-to-left run of neutral characters as a left-to-right writer must draw it: reversed, brackets mirrored. */
export function mirrorReversed(text: string): string {
  return Array.from(text)
    .reverse()
    .map((char) => bidi.getMirroredCharacter(char) ?? char)
    .join('')
}
