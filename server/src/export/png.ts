import { Resvg } from '@resvg/resvg-js'
import type { BoardReport } from './BoardReport.ts'
import { FontFamily, FontFiles } from './fonts.ts'
import { buildSvg } from './svg.ts'

/** Large boards are scaled down so the PNG stays a picture, not a 100-megapixel file. */
export const PNG_MAX_WIDTH = 4000
const PNG_MAX_PIXELS = 24_000_000

/**
 * The board as PNG, rasterised from the SVG with resvg. Only the bundled fonts are loaded (no
 * system fonts) so the output is the same on every machine.
 */
export function svgToPng(svg: string, width: number, height: number): Buffer {
  const pixelScale = Math.min(1, Math.sqrt(PNG_MAX_PIXELS / Math.max(1, width * height)))
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.max(1, Math.floor(width * pixelScale)) },
    font: {
      fontFiles: Object.values(FontFiles),
      loadSystemFonts: false,
      defaultFontFamily: FontFamily.sans,
      sansSerifFamily: FontFamily.sans,
    },
    background: '#ffffff',
  })
  return resvg.render().asPng()
}

export function buildPng(report: BoardReport, maxWidth = PNG_MAX_WIDTH): Buffer {
  const { w, h } = report.drawing.bounds
  const scale = Math.min(1, maxWidth / w, Math.sqrt(PNG_MAX_PIXELS / Math.max(1, w * h)))
  return svgToPng(buildSvg(report, { maxWidth, rasterPxPerUnit: scale }), Math.round(w * scale), Math.round(h * scale))
}
