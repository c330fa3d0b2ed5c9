import type PDFDocument from 'pdfkit'
import {
  hasRightToLeft,
  isRightToLeftParagraph,
  mirrorBrackets,
  mirrorReversed,
  piecesLeftToRight,
  resolveBidi,
  visualRuns,
  type BidiParagraphs,
} from '../bidiRuns.ts'
import { splitByScript, type FontScript } from '../fonts.ts'

/**
 * Text with Arabic or Hebrew in it, drawn line by line in the order the Unicode bidi algorithm
 * gives. pdfkit wraps and places words left to right in typing order, which printed an Arabic
 * sentence's words backwards and glued the words at a line's end together; here the lines are
 * wrapped first, then each line is reordered (bidi-js) and its runs placed one by one. A
 * paragraph whose first letter is right-to-left is right-aligned.
 */

export interface BidiTextOptions {
  size: number
  /** The registered pdfkit font for a script at the text's weight. */
  fontFor: (script: FontScript) => string
  /** The Latin font at the text's weight: its line height and baseline set the lines'. */
  latinFont: string
  x: number
  y: number
  width: number
  align: 'left' | 'center' | 'right'
  lineGap: number
  characterSpacing: number
}

interface Line {
  start: number
  end: number
  width: number
}

function measure(doc: PDFDocument, text: string, options: BidiTextOptions): number {
  let width = 0
  for (const piece of splitByScript(text)) {
    doc.font(options.fontFor(piece.script)).fontSize(options.size)
    width += doc.widthOfString(piece.text, { characterSpacing: options.characterSpacing })
  }
  return width
}

/** Greedy wrapping at spaces; a word wider than the line is split between characters. */
function wrap(doc: PDFDocument, text: string, options: BidiTextOptions): Line[] {
  const lines: Line[] = []
  let offset = 0
  for (const paragraph of text.split('\n')) {
    let line: Line | null = null
    let pendingSpace = 0
    for (const token of paragraph.matchAll(/\s+|\S+/g)) {
      const start = offset + token.index
      const end = start + token[0].length
      if (/^\s/.test(token[0])) {
        pendingSpace = line ? measure(doc, token[0], options) : 0
        continue
      }
      const width = measure(doc, token[0], options)
      if (line && line.width + pendingSpace + width <= options.width) {
        line.end = end
        line.width += pendingSpace + width
      } else if (width <= options.width) {
        if (line) lines.push(line)
        line = { start, end, width }
      } else {
        if (line) lines.push(line)
        line = null
        for (const piece of splitLongWord(doc, token[0], start, options)) {
          if (line) lines.push(line)
          line = piece
        }
      }
      pendingSpace = 0
    }
    lines.push(line ?? { start: offset, end: offset, width: 0 })
    offset += paragraph.length + 1
  }
  return lines
}

function splitLongWord(doc: PDFDocument, word: string, start: number, options: BidiTextOptions): Line[] {
  const lines: Line[] = []
  let line: Line = { start, end: start, width: 0 }
  for (const char of word) {
    const width = measure(doc, char, options)
    if (line.end > line.start && line.width + width > options.width) {
      lines.push(line)
      line = { start: line.end, end: line.end, width: 0 }
    }
    line.end += char.length
    line.width += width
  }
  lines.push(line)
  return lines
}

function lineMetrics(doc: PDFDocument, options: BidiTextOptions): { height: number; ascender: number } {
  doc.font(options.latinFont).fontSize(options.size)
  // pdfkit keeps the font's ascender (per 1000 em) on the current font object only.
  const ascender = ((doc as unknown as { _font: { ascender: number } })._font.ascender / 1000) * options.size
  return { height: doc.currentLineHeight(true) + options.lineGap, ascender }
}

/** Height the text takes with the same wrapping as `drawBidiText`. */
export function bidiTextHeight(doc: PDFDocument, text: string, options: BidiTextOptions): number {
  return wrap(doc, text, options).length * lineMetrics(doc, options).height
}

function lineX(resolved: BidiParagraphs, line: Line, options: BidiTextOptions): number {
  const rtl = isRightToLeftParagraph(resolved, line.start)
  const align = options.align === 'left' && rtl ? 'right' : options.align
  if (align === 'right') return options.x + options.width - line.width
  if (align === 'center') return options.x + (options.width - line.width) / 2
  return options.x
}

/** Draws the text at options.x/y; leaves doc.x at options.x and doc.y below the text. */
export function drawBidiText(doc: PDFDocument, text: string, options: BidiTextOptions): void {
  const resolved = resolveBidi(text)
  const { height, ascender } = lineMetrics(doc, options)
  const { characterSpacing } = options
  let y = options.y
  for (const line of wrap(doc, text, options)) {
    let x = lineX(resolved, line, options)
    for (const run of visualRuns(resolved, line.start, line.end)) {
      for (const piece of piecesLeftToRight(run)) {
        doc.font(options.fontFor(piece.script)).fontSize(options.size)
        // pdfkit shapes word by word in the order given, and fontkit turns each right-to-left
        // word around: so a right-to-left piece goes in word by word, last word first.
        // A bracket or number beside the words has no right-to-left letter for fontkit to turn.
        const words =
          run.rtl && hasRightToLeft(piece.text)
            ? piece.text
                .split(/(\s+)/)
                .reverse()
                .map((word) =>
                  hasRightToLeft(word) ? mirrorBrackets(word) : /^\s*$/.test(word) ? word : mirrorReversed(word),
                )
            : [piece.text]
        for (const word of words) {
          if (word === '') continue
          doc.text(word, x, y + ascender, { lineBreak: false, baseline: 'alphabetic', characterSpacing })
          x += doc.widthOfString(word, { characterSpacing })
        }
      }
    }
    y += height
  }
  doc.x = options.x
  doc.y = y
}
