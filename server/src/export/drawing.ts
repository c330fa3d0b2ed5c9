import { Limits } from '@pinnwand/shared'
import { b64Vecs } from '@tldraw/tlschema'

/**
 * The board as things to draw, in page coordinates. tldraw stores children relative to their
 * parent and arrows relative to their own origin (ends bound to shapes through binding
 * records); flattening that once here keeps the SVG builder a plain loop.
 */
export interface BoardDrawing {
  bounds: { x: number; y: number; w: number; h: number }
  items: DrawingItem[]
  /** Shapes that could not be drawn (a broken record is skipped, the picture still made). */
  omitted: number
}

export type DrawingItem =
  | { kind: 'cluster'; id: string; x: number; y: number; w: number; h: number; color: string; title: string }
  | {
      kind: 'card'
      id: string
      x: number
      y: number
      w: number
      h: number
      rotation: number
      color: string
      text: string
      author: string
    }
  | {
      kind: 'box'
      id: string
      /** The tldraw shape type (geo, note, text, frame, image, …). */
      type: string
      x: number
      y: number
      w: number
      h: number
      rotation: number
      color: string
      ellipse: boolean
      filled: boolean
      text: string
    }
  | { kind: 'line'; id: string; points: [number, number][]; color: string; arrowhead: boolean; text: string }
  | { kind: 'path'; id: string; strokes: [number, number][][]; color: string; width: number }

/** A shape record as read from an untrusted or older document: only the common fields. */
export interface RawShape {
  id: string
  typeName: 'shape'
  type: string
  parentId: string
  index?: string
  x: number
  y: number
  rotation?: number
  props: Record<string, unknown>
}

interface RawBinding {
  typeName: 'binding'
  type: string
  fromId: string
  toId: string
  props: { terminal?: string; normalizedAnchor?: { x: number; y: number } }
}

interface Transform {
  x: number
  y: number
  rotation: number
}

const num = (value: unknown, fallback = 0) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback)
const str = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback)
/**
 * Text to draw, cut to what a shape can show: a record from before the record limits may hold
 * megabytes (a 7 MB author name), and wrapping that would stall the picture.
 */
const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max)}…` : value)
/** More than a drawn box can show at any legible size. */
const DRAWN_TEXT_MAX = 5000

/** Rich text nested deeper than this is cut there (no write path lets deeper records in). */
const RICH_TEXT_DEPTH_MAX = 64

/** Plain text of tldraw rich text (TipTap JSON): paragraphs become lines. */
export function richTextToPlain(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value
  if (!value || typeof value !== 'object' || depth > RICH_TEXT_DEPTH_MAX) return ''
  const node = value as { type?: string; text?: string; content?: unknown[] }
  if (node.type === 'text') return typeof node.text === 'string' ? node.text : ''
  if (node.type === 'hardBreak') return '\n'
  const children = (Array.isArray(node.content) ? node.content : []).map((child) => richTextToPlain(child, depth + 1))
  return node.type === 'doc' || node.type === 'bulletList' || node.type === 'orderedList'
    ? children.join('\n')
    : children.join('')
}

function isRecord(value: unknown, typeName: string): boolean {
  return typeof value === 'object' && value !== null && (value as { typeName?: unknown }).typeName === typeName
}

/** Flattens the board's shapes into drawable items in page coordinates, in z-order. */
export function extractDrawing(records: readonly unknown[]): BoardDrawing {
  const shapes = records.filter((r): r is RawShape => isRecord(r, 'shape') && typeof (r as RawShape).id === 'string')
  const bindings = records.filter((r): r is RawBinding => isRecord(r, 'binding'))
  const byId = new Map(shapes.map((s) => [s.id, s]))
  const transforms = new Map<string, Transform>()

  const pageTransform = (shape: RawShape, depth = 0): Transform => {
    const cached = transforms.get(shape.id)
    if (cached) return cached
    const parent = byId.get(shape.parentId)
    const local = { x: num(shape.x), y: num(shape.y), rotation: num(shape.rotation) }
    // Depth guard: a corrupt document with a parent cycle must not hang the export.
    if (!parent || depth > 50) {
      transforms.set(shape.id, local)
      return local
    }
    const p = pageTransform(parent, depth + 1)
    const cos = Math.cos(p.rotation)
    const sin = Math.sin(p.rotation)
    const result = {
      x: p.x + local.x * cos - local.y * sin,
      y: p.y + local.x * sin + local.y * cos,
      rotation: p.rotation + local.rotation,
    }
    transforms.set(shape.id, result)
    return result
  }
  const toPage = (shape: RawShape, point: { x: number; y: number }): [number, number] => {
    const t = pageTransform(shape)
    const cos = Math.cos(t.rotation)
    const sin = Math.sin(t.rotation)
    return [t.x + point.x * cos - point.y * sin, t.y + point.x * sin + point.y * cos]
  }

  // Parents before children, siblings by fractional index: the order tldraw paints them.
  const depthOf = (shape: RawShape): number => {
    let depth = 0
    for (let s = byId.get(shape.parentId); s && depth < 50; s = byId.get(s.parentId)) depth++
    return depth
  }
  const ordered = [...shapes].sort(
    (a, b) => depthOf(a) - depthOf(b) || str(a.index).localeCompare(str(b.index)) || a.id.localeCompare(b.id),
  )

  const items: DrawingItem[] = []
  let omitted = 0
  for (const shape of ordered) {
    try {
      const item = toItem(shape, pageTransform(shape), toPage, bindings, byId, pageTransform)
      if (item) items.push(item)
    } catch {
      omitted++
    }
  }
  return { bounds: boundsOf(items), items, omitted }
}

function toItem(
  shape: RawShape,
  t: Transform,
  toPage: (shape: RawShape, point: { x: number; y: number }) => [number, number],
  bindings: readonly RawBinding[],
  byId: Map<string, RawShape>,
  pageTransform: (shape: RawShape) => Transform,
): DrawingItem | null {
  const p = shape.props ?? {}
  const w = Math.max(1, num(p.w, 100))
  const h = Math.max(1, num(p.h, 100))
  const color = str(p.color, 'black')
  switch (shape.type) {
    case 'idea-card':
      return {
        kind: 'card',
        id: shape.id,
        ...t,
        w,
        h,
        color,
        text: clip(str(p.text), Limits.ideaTextMax),
        author: clip(str(p.author), Limits.displayNameMax),
      }
    case 'cluster':
      return {
        kind: 'cluster',
        id: shape.id,
        x: t.x,
        y: t.y,
        w,
        h,
        color: str(p.color, 'grey'),
        title: clip(str(p.title), Limits.titleMax),
      }
    case 'arrow': {
      const ends = (['start', 'end'] as const).map((terminal) => {
        const binding = bindings.find((b) => b.fromId === shape.id && b.props?.terminal === terminal)
        const target = binding ? byId.get(binding.toId) : undefined
        if (target) {
          const anchor = binding?.props.normalizedAnchor ?? { x: 0.5, y: 0.5 }
          const tw = num(target.props?.w, 100)
          const th = num(target.props?.h, 100)
          const tt = pageTransform(target)
          return [tt.x + anchor.x * tw, tt.y + anchor.y * th] as [number, number]
        }
        const point = p[terminal] as { x?: unknown; y?: unknown } | undefined
        return toPage(shape, { x: num(point?.x), y: num(point?.y) })
      })
      return {
        kind: 'line',
        id: shape.id,
        points: ends,
        color,
        arrowhead: str(p.arrowheadEnd, 'arrow') !== 'none',
        text: clip(richTextToPlain(p.richText), DRAWN_TEXT_MAX),
      }
    }
    case 'line': {
      const points = Object.values((p.points ?? {}) as Record<string, { x?: unknown; y?: unknown; index?: unknown }>)
        .sort((a, b) => str(a.index).localeCompare(str(b.index)))
        .map((point) => toPage(shape, { x: num(point.x), y: num(point.y) }))
      return points.length >= 2 ? { kind: 'line', id: shape.id, points, color, arrowhead: false, text: '' } : null
    }
    case 'draw':
    case 'highlight': {
      const scale = num(p.scale, 1)
      const strokes: [number, number][][] = []
      for (const segment of (Array.isArray(p.segments) ? p.segments : []) as { path?: unknown; dim?: unknown }[]) {
        let decoded: { x: number; y: number }[] = []
        try {
          decoded =
            typeof segment.path === 'string' ? b64Vecs.decodePoints(segment.path, segment.dim === 2 ? 2 : 3) : []
        } catch {
          // An undecodable stroke is skipped; the rest of the picture is still worth having.
        }
        if (decoded.length) strokes.push(decoded.map((pt) => toPage(shape, { x: pt.x * scale, y: pt.y * scale })))
      }
      const width = { s: 2, m: 3.5, l: 5, xl: 10 }[str(p.size, 'm')] ?? 3.5
      return strokes.length
        ? { kind: 'path', id: shape.id, strokes, color, width: shape.type === 'highlight' ? width * 4 : width }
        : null
    }
    case 'group':
      return null
    default: {
      const text = clip(richTextToPlain(p.richText) || str(p.name) || str(p.text), DRAWN_TEXT_MAX)
      const geo = str(p.geo)
      return {
        kind: 'box',
        id: shape.id,
        type: shape.type,
        ...t,
        w: shape.type === 'note' ? num(p.w, 200) : w,
        h: shape.type === 'note' ? num(p.h, 200) : h,
        color,
        ellipse: geo === 'ellipse' || geo === 'oval',
        filled: shape.type === 'note' || (str(p.fill, 'none') !== 'none' && shape.type === 'geo'),
        text,
      }
    }
  }
}

function boundsOf(items: readonly DrawingItem[]): BoardDrawing['bounds'] {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  const add = (x: number, y: number) => {
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x)
    maxY = Math.max(maxY, y)
  }
  for (const item of items) {
    if (item.kind === 'line') item.points.forEach(([x, y]) => add(x, y))
    else if (item.kind === 'path') item.strokes.forEach((s) => s.forEach(([x, y]) => add(x, y)))
    else {
      add(item.x, item.y)
      add(item.x + item.w, item.y + item.h)
    }
  }
  if (minX === Infinity) return { x: 0, y: 0, w: 800, h: 500 }
  const pad = 40
  return { x: minX - pad, y: minY - pad, w: maxX - minX + 2 * pad, h: maxY - minY + 2 * pad }
}

/** tldraw's default palette: stroke colour and a light fill for sticky notes and areas. */
export const Palette: Record<string, { stroke: string; fill: string }> = {
  black: { stroke: '#1d1d1d', fill: '#e8e8e8' },
  grey: { stroke: '#7b8691', fill: '#eceef0' },
  'light-violet': { stroke: '#c463d8', fill: '#f5e3f9' },
  violet: { stroke: '#9c36b5', fill: '#eddcf5' },
  blue: { stroke: '#3b5bdb', fill: '#dde4fb' },
  'light-blue': { stroke: '#3793e0', fill: '#dcecfb' },
  yellow: { stroke: '#d9910a', fill: '#fff3bf' },
  orange: { stroke: '#e16919', fill: '#ffe2cc' },
  green: { stroke: '#099268', fill: '#d3f0e3' },
  'light-green': { stroke: '#40a14f', fill: '#e0f4dc' },
  red: { stroke: '#e03131', fill: '#fde0e0' },
  'light-red': { stroke: '#f06767', fill: '#feeaea' },
  white: { stroke: '#9fa8b2', fill: '#ffffff' },
}

export function paletteFor(color: string): { stroke: string; fill: string } {
  return Palette[color] ?? Palette.grey!
}
