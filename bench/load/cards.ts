import { IDEA_CARD_TYPE, type openRecords } from '@pinnwand/shared'

/** A board's records (a YKeyValue over `records`, docs/board-document.md). */
export type BoardRecords = ReturnType<typeof openRecords>
/** A tldraw record as stored in the board document. */
export type BoardRecord = Parameters<BoardRecords['set']>[1]

/** Where a card edit carries its send time and sequence number (tldraw `meta` is free JSON). */
export interface EditStamp {
  benchSeq: number
  /** monotonicMs() of the sender; every process on the machine reads the same clock. */
  benchSentAt: number
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** The n-th of 3,906 ascending tldraw index keys ('a0'…'az', then 'b00'…'bzz'). */
export function indexKey(n: number): string {
  if (n < 62) return `a${DIGITS[n]}`
  const m = n - 62
  return `b${DIGITS[Math.floor(m / 62) % 62]}${DIGITS[m % 62]}`
}

export const benchCardId = (index: number) => `shape:bench-${index}`

/** An idea card as the web app writes it, owned by `authorId`. */
export function ideaCardRecord(
  id: string,
  author: { userId: string; name: string },
  text: string,
  position: { x: number; y: number },
  meta: Record<string, unknown> = {},
): BoardRecord {
  return {
    id,
    typeName: 'shape',
    type: IDEA_CARD_TYPE,
    parentId: 'page:page',
    index: 'a1',
    x: position.x,
    y: position.y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta,
    props: {
      w: 220,
      h: 160,
      text,
      color: 'yellow',
      author: author.name,
      authorId: author.userId,
      createdAt: Date.now(),
    },
  } as unknown as BoardRecord
}

/** The stamp of a card edit, or null for records the bench did not stamp. */
export function readStamp(record: BoardRecord | undefined): EditStamp | null {
  const meta = (record as { meta?: Partial<EditStamp> } | undefined)?.meta
  if (!meta || typeof meta.benchSeq !== 'number' || typeof meta.benchSentAt !== 'number') return null
  return { benchSeq: meta.benchSeq, benchSentAt: meta.benchSentAt }
}

/** A plausible cursor position that wanders over a 4,000 × 3,000 board. */
export function cursorAt(index: number, tick: number): { x: number; y: number } {
  return {
    x: Math.round(2000 + 1800 * Math.sin(index * 0.7 + tick * 0.13)),
    y: Math.round(1500 + 1300 * Math.cos(index * 1.3 + tick * 0.11)),
  }
}
