import { Resvg } from '@resvg/resvg-js'
import { LOGO_BYTES_MAX } from '@pinnwand/shared/exportSettings'
import { FontFamily, FontFiles } from './fonts.ts'

/** Why a logo was refused, in words the organiser can act on. */
export class LogoError extends Error {}

/** Logos are printed about 4 cm wide; this is plenty for 300 dpi and keeps every report small. */
const LOGO_MAX_PX = 800
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width and height from a PNG's IHDR chunk; null when the bytes are not a PNG. */
export function pngDimensions(png: Uint8Array): { width: number; height: number } | null {
  if (png.length < 24 || !Buffer.from(png.subarray(0, 8)).equals(PNG_SIGNATURE)) return null
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  if (String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') return null
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/**
 * An SVG may point outside itself (`href="file:///…"`, `xlink:href="http://…"`, CSS `url(…)`,
 * external entities). The renderer must read nothing but the upload: only references inside the
 * document (`#id`) and embedded raster images (`data:image/…`) are allowed.
 */
function refuseExternalReferences(svg: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(svg)) throw new LogoError('The SVG declares a DOCTYPE or entities.')
  for (const match of svg.matchAll(/\bhref\s*=\s*(["'])(.*?)\1/gis)) {
    const target = match[2]!.trim()
    if (!target.startsWith('#') && !/^data:image\/(png|jpeg|gif|webp);base64,/i.test(target)) {
      throw new LogoError('The SVG refers to a file or address outside itself.')
    }
  }
  for (const match of svg.matchAll(/url\(\s*(["']?)(.*?)\1\s*\)/gis)) {
    if (!match[2]!.trim().startsWith('#')) throw new LogoError('The SVG refers to a file or address outside itself.')
  }
  if (/@import/i.test(svg)) throw new LogoError('The SVG imports a style sheet.')
}

/**
 * Turns an uploaded logo (a data URL of a PNG or an SVG) into the PNG every report embeds.
 * SVGs are never stored or embedded as they are: they are rasterised here, with the bundled
 * fonts only, after anything that reaches outside the file was refused — so a report cannot
 * carry script, and drawing a logo reads no file and no address.
 */
export function normaliseLogo(dataUrl: string): Uint8Array {
  const match = /^data:(image\/png|image\/svg\+xml);base64,([A-Za-z0-9+/=\s]+)$/.exec(dataUrl)
  if (!match) throw new LogoError('The logo must be a PNG or SVG file.')
  const bytes = Buffer.from(match[2]!, 'base64')
  if (bytes.length === 0) throw new LogoError('The logo file is empty.')
  if (bytes.length > LOGO_BYTES_MAX) {
    throw new LogoError(`The logo is larger than ${Math.round(LOGO_BYTES_MAX / 1024)} KiB.`)
  }
  if (match[1] === 'image/png') {
    const size = pngDimensions(bytes)
    if (!size) throw new LogoError('The file is not a PNG image.')
    if (size.width < 1 || size.height < 1 || size.width > 4000 || size.height > 4000) {
      throw new LogoError('The PNG must be between 1 and 4000 pixels wide and high.')
    }
    return new Uint8Array(bytes)
  }
  const svg = bytes.toString('utf8')
  if (!/<svg[\s>]/i.test(svg)) throw new LogoError('The file is not an SVG image.')
  refuseExternalReferences(svg)
  try {
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'width', value: LOGO_MAX_PX },
      font: { fontFiles: Object.values(FontFiles), loadSystemFonts: false, defaultFontFamily: FontFamily.sans },
    })
    if (resvg.width < 1 || resvg.height < 1) throw new LogoError('The SVG has no size.')
    // Drawn 800 px wide, a very tall logo would be a huge picture: refused before drawing.
    if (resvg.height > 4 * resvg.width) throw new LogoError('The SVG is far taller than wide.')
    return new Uint8Array(resvg.render().asPng())
  } catch (error) {
    if (error instanceof LogoError) throw error
    throw new LogoError('The SVG cannot be drawn.')
  }
}

/** The stored logo as a data URL, for the settings form's preview. */
export function logoDataUrl(png: Uint8Array | null): string | null {
  return png ? `data:image/png;base64,${Buffer.from(png).toString('base64')}` : null
}
