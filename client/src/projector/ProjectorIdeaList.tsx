import { IDEA_CARD_TYPE, type IdeaCardShape } from '@pinnwand/shared/boardSchema'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Editor, useValue } from 'tldraw'
import { readGatheredOrigin } from '../plenary/gatheredCards.ts'
import { useOriginText } from '../plenary/GatheredOriginLine.tsx'
import { IdeaCardLayout } from '../shapes/ideaCardLayout.ts'
import { cameraToFit } from './cameraFit.ts'
import { useFitText } from './fitText.ts'
import { boardRegion, FIT_PADDING } from './projectorLayout.ts'

/** Card text must read from 20 m on a 1080p projector: at least this many screen pixels. */
export const MIN_CARD_TEXT_PX = 18
const SIZES = [40, 36, 32, 28, 24]
const PAGE_SIZE = 24
const PAGE_MS = 10_000

/**
 * Whether the whole board, fitted to the free part of the screen, would show card text smaller
 * than MIN_CARD_TEXT_PX: then the projector shows the ideas as big cards instead.
 */
export function useBoardTooSmall(editor: Editor): boolean {
  return useValue(
    'board too small for the projector',
    () => {
      const bounds = editor.getCurrentPageBounds()
      if (!bounds) return false
      const { z } = cameraToFit(bounds, boardRegion(editor), { padding: FIT_PADDING })
      return IdeaCardLayout.fontSize * z < MIN_CARD_TEXT_PX
    },
    [editor],
  )
}

/**
 * The board's ideas as big cards, in reading order (top to bottom, left to right); pages if many.
 * On the plenary the gathered ideas come first, table by table in shortlist order, each naming
 * its table, rank and points.
 */
export function ProjectorIdeaList({ editor }: { editor: Editor }) {
  const { t } = useTranslation()
  const originText = useOriginText()
  const ideas = useValue(
    'projector ideas',
    () =>
      editor
        .getCurrentPageShapesSorted()
        .filter((shape): shape is IdeaCardShape => shape.type === IDEA_CARD_TYPE)
        .map((shape) => ({
          id: shape.id,
          text: shape.props.text.trim(),
          bounds: editor.getShapePageBounds(shape),
          origin: readGatheredOrigin(shape.meta),
        }))
        .filter((idea) => idea.text !== '')
        .sort(
          (a, b) =>
            (a.origin ? 0 : 1) - (b.origin ? 0 : 1) ||
            (a.origin && b.origin
              ? a.origin.tableNumber - b.origin.tableNumber || a.origin.position - b.origin.position
              : 0) ||
            (a.bounds?.y ?? 0) - (b.bounds?.y ?? 0) ||
            (a.bounds?.x ?? 0) - (b.bounds?.x ?? 0),
        )
        .map(({ id, text, origin }) => ({ id, text, origin })),
    [editor],
  )
  const measure = useRef<HTMLOListElement>(null)
  const key = useMemo(() => JSON.stringify(ideas), [ideas])
  const fit = useFitText(measure, SIZES, PAGE_SIZE, key)
  const [cycle, setCycle] = useState(0)
  const pages = fit.pages.length
  useEffect(() => {
    if (pages <= 1) return
    const timer = setInterval(() => setCycle((n) => n + 1), PAGE_MS)
    return () => clearInterval(timer)
  }, [pages])
  const shown = (fit.pages[cycle % Math.max(1, pages)] ?? ideas.map((_, i) => i)).map((i) => ideas[i]!).filter(Boolean)
  const card = (idea: (typeof ideas)[number], measuring: boolean) => (
    <li
      key={idea.id}
      className="pw-idea-list__card"
      data-fit-item=""
      data-testid={measuring ? undefined : 'projector-idea'}
    >
      {idea.text}
      {idea.origin ? <span className="pw-idea-list__origin">{originText(idea.origin)}</span> : null}
    </li>
  )
  return (
    <section
      className="pw-idea-list"
      data-testid="projector-idea-list"
      data-ready={fit.settled}
      aria-label={t('projectorMode.ideas')}
    >
      {pages > 1 ? (
        <p className="pw-idea-list__page">{t('projectorMode.page', { page: (cycle % pages) + 1, pages })}</p>
      ) : null}
      <div className="pw-idea-list__area">
        <ol className="pw-idea-list__grid" style={{ fontSize: fit.size }}>
          {shown.map((idea) => card(idea, false))}
        </ol>
        <ol className="pw-idea-list__grid pw-idea-list__grid--measure" ref={measure} aria-hidden="true">
          {ideas.map((idea) => card(idea, true))}
        </ol>
      </div>
    </section>
  )
}
