import { CARD_SIZE } from '@pinnwand/shared/placement'
import type { Editor } from 'tldraw'

/**
 * Geometry of an idea card. Sizes are large on purpose: cards are read on a projector from
 * the back of a hall, so the text is bigger than tldraw's sticky notes.
 */
export const IdeaCardLayout = {
  width: CARD_SIZE.w,
  minHeight: CARD_SIZE.h,
  padding: 16,
  fontSize: 22,
  lineHeight: 1.3,
  authorFontSize: 13,
  /** Space reserved under the text for the author line. */
  authorBlock: 26,
  fontFamily: "'tldraw_sans', system-ui, sans-serif",
} as const

/** Height a card needs to show all of its text plus the author line. */
export function measureIdeaCardHeight(editor: Editor, text: string, width: number): number {
  const { padding, fontSize, lineHeight, fontFamily, authorBlock, minHeight } = IdeaCardLayout
  // A trailing newline has no height in the DOM, but the textarea shows an empty last line.
  const measured = editor.textMeasure.measureText(text.endsWith('\n') ? `${text} ` : text || ' ', {
    fontFamily,
    fontSize,
    lineHeight,
    fontWeight: 'normal',
    fontStyle: 'normal',
    maxWidth: width - padding * 2,
    padding: '0px',
  })
  return Math.max(minHeight, Math.ceil(padding * 2 + measured.h + authorBlock))
}
