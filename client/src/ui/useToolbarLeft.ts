import { useLayoutEffect, useState } from 'react'

/** Space kept between a floating toolbar and the edge of the board. */
const EDGE = 8

/**
 * The left edge of a toolbar floating over the board at `anchorX` (the selection's left edge),
 * moved left as far as needed for the whole toolbar to stay on screen: over a cluster at the
 * right edge of the view, "Ordnen" otherwise lay outside the window, out of reach. Returns a
 * callback ref for the toolbar element (it may mount later than the component).
 */
export function useToolbarLeft(anchorX: number): [(element: HTMLElement | null) => void, number] {
  const [element, setElement] = useState<HTMLElement | null>(null)
  const [size, setSize] = useState({ width: 0, room: Infinity })
  useLayoutEffect(() => {
    if (!element) return
    const measure = () => {
      const room = (element.offsetParent as HTMLElement | null)?.clientWidth ?? window.innerWidth
      const width = element.offsetWidth
      setSize((old) => (old.width === width && old.room === room ? old : { width, room }))
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return [setElement, Math.max(EDGE, Math.min(anchorX, size.room - size.width - EDGE))]
}
