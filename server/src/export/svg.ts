import { reportBoardName } from './plenaryReport.ts'
import type { BoardReport } from './BoardReport.ts'
import type { DrawingItem } from './drawing.ts'
import { paletteFor } from './drawing.ts'
import { FontFamily } from './fonts.ts'

/** Characters XML 1.0 forbids (control characters, lone surrogates) are dropped, the rest escaped. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  )
}

/** Rough advance width in ems; good enough to wrap, since the renderer does the real layout. */
function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0
  if (code > 0x2e80) return 1.05
  if (/[ilj.,:;'|!]/.test(char)) return 0.3
  if (/[mwMW@]/.test(char)) return 0.85
  if (/[A-Z]/.test(char)) return 0.66
  return 0.55
}

const widthOf = (text: string) => [...text].reduce((sum, c) => sum + charWidth(c), 0)

/** Wraps text to `maxWidth` (in ems), breaking over-long words; at most `maxLines` lines. */
export function wrapText(text: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split(/\r?\n/)) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word
      if (widthOf(candidate) <= maxWidth) {
        line = candidate
        continue
      }
      if (line) lines.push(line)
      line = ''
      let rest = word
      while (widthOf(rest) > maxWidth) {
        let cut = ''
        for (const c of rest) {
          if (widthOf(cut + c) > maxWidth) break
          cut += c
        }
        if (!cut) cut = [...rest][0] ?? ''
        lines.push(cut)
        rest = rest.slice(cut.length)
      }
      line = rest
    }
    lines.push(line)
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  if (lines.length > maxLines) {
    const kept = lines.slice(0, Math.max(1, maxLines))
    kept[kept.length - 1] = `${kept[kept.length - 1]} …`
    return kept
  }
  return lines
}

const n = (value: number) => (Math.round(value * 10) / 10).toString()

function textBlock(lines: string[], x: number, y: number, size: number, attrs = ''): string {
  // One <text> per line: with tspans, renderers run bidi over the whole block and mix up
  // right-to-left lines (Arabic) with their neighbours.
  return lines
    .map(
      (line, i) =>
        `<text x="${n(x)}" y="${n(y + i * size * 1.3)}" font-size="${n(size)}"${attrs}>${escapeXml(line)}</text>`,
    )
    .join('')
}

const rotate = (item: { rotation: number; x: number; y: number }) =>
  item.rotation ? ` transform="rotate(${n((item.rotation * 180) / Math.PI)} ${n(item.x)} ${n(item.y)})"` : ''

function drawItem(item: DrawingItem, pxPerUnit: number, cardText: boolean): string {
  // Text too small to read in a raster is left out: it is most of the rendering time of a big
  // board, and the SVG and the report carry every word anyway.
  const legible = (size: number) => size * pxPerUnit >= MIN_LEGIBLE_PX

  switch (item.kind) {
    case 'cluster': {
      const c = paletteFor(item.color)
      const title = wrapText(item.title, (item.w - 32) / 22, 2)
      return (
        `<g class="cluster"><rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.w)}" height="${n(item.h)}" rx="16" fill="${c.fill}" fill-opacity="0.55" stroke="${c.stroke}" stroke-width="3" stroke-dasharray="12 8"/>` +
        (legible(22) ? textBlock(title, item.x + 16, item.y + 34, 22, ` font-weight="700" fill="${c.stroke}"`) : '') +
        '</g>'
      )
    }
    case 'card': {
      const c = paletteFor(item.color)
      const size = CARD_TEXT_SIZE
      const maxLines = Math.max(1, Math.floor((item.h - 44) / (size * 1.3)))
      const lines = cardText && legible(size) ? wrapText(item.text, (item.w - 24) / size, maxLines) : []
      return (
        `<g class="idea"${rotate(item)}><rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.w)}" height="${n(item.h)}" rx="6" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.5"/>` +
        textBlock(lines, item.x + 12, item.y + 26, size, ' fill="#1d1d1d"') +
        (item.author && legible(12)
          ? textBlock(
              wrapText(item.author, (item.w - 24) / 12, 1),
              item.x + 12,
              item.y + item.h - 12,
              12,
              ' fill="#5f6b76"',
            )
          : '') +
        '</g>'
      )
    }
    case 'box': {
      const c = paletteFor(item.color)
      const fill = item.filled ? c.fill : 'none'
      const shape = item.ellipse
        ? `<ellipse cx="${n(item.x + item.w / 2)}" cy="${n(item.y + item.h / 2)}" rx="${n(item.w / 2)}" ry="${n(item.h / 2)}" fill="${fill}" stroke="${c.stroke}" stroke-width="2"/>`
        : item.type === 'text'
          ? ''
          : `<rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.w)}" height="${n(item.h)}" rx="4" fill="${fill}" stroke="${c.stroke}" stroke-width="2"${item.type === 'frame' ? ' stroke-dasharray="4 4"' : ''}/>`
      const size = 18
      const lines = legible(size)
        ? wrapText(item.text, Math.max(4, (item.w - 16) / size), Math.max(1, Math.floor(item.h / (size * 1.3))))
        : []
      return `<g class="shape"${rotate(item)}>${shape}${textBlock(lines, item.x + 8, item.y + 24, size, ` fill="${item.type === 'text' ? c.stroke : '#1d1d1d'}"`)}</g>`
    }
    case 'line': {
      const c = paletteFor(item.color)
      const points = item.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')
      const [sx, sy] = item.points[0] ?? [0, 0]
      const [ex, ey] = item.points[item.points.length - 1] ?? [0, 0]
      const label =
        item.text && legible(16)
          ? textBlock(wrapText(item.text, 20, 2), (sx + ex) / 2, (sy + ey) / 2 - 6, 16, ` fill="${c.stroke}"`)
          : ''
      return `<g class="connector"><polyline points="${points}" fill="none" stroke="${c.stroke}" stroke-width="2.5"${item.arrowhead ? ' marker-end="url(#arrowhead)"' : ''}/>${label}</g>`
    }
    case 'path': {
      const c = paletteFor(item.color)
      return item.strokes
        .map(
          (stroke) =>
            `<polyline class="drawing" points="${stroke.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${c.stroke}" stroke-width="${n(item.width)}" stroke-linecap="round" stroke-linejoin="round"/>`,
        )
        .join('')
    }
  }
}

/**
 * The whole board as SVG, drawn from the records (no browser needed). Participant text only
 * ever appears as escaped character data, so markup in an idea cannot become SVG or script.
 */
/** Card text size in board units; the PDF picture keeps it at 7 pt or more (pdfPicture.ts). */
export const CARD_TEXT_SIZE = 16

export interface SvgOptions {
  /** Scales the picture down to this width (in px). */
  maxWidth?: number
  /**
   * Output pixels per board unit when the SVG is rasterised; text smaller than MIN_LEGIBLE_PX
   * there is omitted. Leave unset for the SVG export, which keeps every word.
   */
  rasterPxPerUnit?: number
}

const MIN_LEGIBLE_PX = 4
/**
 * resvg turns every glyph into a path while parsing (about 30 µs per glyph): beyond this many
 * characters of card text a raster leaves card text out rather than taking many seconds.
 */
const RASTER_TEXT_BUDGET = 12_000

export function buildSvg(report: BoardReport, options: SvgOptions = {}): string {
  const { bounds, items } = report.drawing
  const scale = Math.min(1, (options.maxWidth ?? Infinity) / bounds.w)
  const width = Math.max(1, Math.round(bounds.w * scale))
  const height = Math.max(1, Math.round(bounds.h * scale))
  const textChars = items.reduce((sum, item) => sum + (item.kind === 'card' ? item.text.length : 0), 0)
  const cardText = options.rasterPxPerUnit === undefined || textChars <= RASTER_TEXT_BUDGET
  const fonts = `'${FontFamily.sans}', '${FontFamily.arabic}', '${FontFamily.emoji}', sans-serif`
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${n(bounds.x)} ${n(bounds.y)} ${n(bounds.w)} ${n(bounds.h)}" font-family="${escapeXml(fonts)}" role="img" aria-label="${escapeXml(reportBoardName(report))}">`,
    `<title>${escapeXml(`${report.workshop.title} – ${reportBoardName(report)}`)}</title>`,
    `<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#4a5560"/></marker></defs>`,
    `<rect x="${n(bounds.x)}" y="${n(bounds.y)}" width="${n(bounds.w)}" height="${n(bounds.h)}" fill="#f9fafb"/>`,
    ...items.map((item) => drawItem(item, options.rasterPxPerUnit ?? Infinity, cardText)),
    '</svg>',
    '',
  ].join('\n')
}
