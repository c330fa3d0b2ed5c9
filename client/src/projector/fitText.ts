import { type RefObject, useLayoutEffect, useState } from 'react'

export interface TextFit {
  /** Font size (px) of the items. */
  size: number
  /** Item indices per screen page; one page when everything fits. */
  pages: number[][]
  /**
   * Measured with the web fonts in place: before they arrive, line breaks (and so the fit) may
   * still change for a frame. Tests and screenshots wait for this.
   */
  settled: boolean
}

/** Whether a measured list shows all of its items whole at its current font size. */
function fits(list: HTMLElement): boolean {
  if (list.scrollHeight > list.clientHeight + 1) return false
  for (const element of list.querySelectorAll<HTMLElement>('[data-fit-item], [data-fit-item] *')) {
    if (element.scrollWidth > element.clientWidth + 1) return false
  }
  return true
}

/**
 * Restyles the invisible measuring `list` size by size (largest first) and returns the first at
 * which every item fits, or else the pages at `pageSize`. Outside the hook: the list is a DOM
 * node the hook only reads from its ref, and this is the one place that changes its font size.
 */
function measureFit(list: HTMLElement, sizes: number[], pageSize: number): TextFit {
  const items = [...list.querySelectorAll<HTMLElement>('[data-fit-item]')]
  const all = items.map((_, i) => i)
  for (const size of sizes) {
    list.style.fontSize = `${size}px`
    if (fits(list)) return { size, pages: [all], settled: false }
  }
  // Pages: as many whole items (rows of a grid alike) per screen as fit at the page size.
  list.style.fontSize = `${pageSize}px`
  const height = list.clientHeight
  const pages: number[][] = []
  let page: number[] = []
  let pageTop = 0
  items.forEach((item, index) => {
    const bottom = item.offsetTop + item.offsetHeight
    if (page.length === 0) pageTop = item.offsetTop
    else if (bottom - pageTop > height) {
      pages.push(page)
      page = []
      pageTop = item.offsetTop
    }
    page.push(index)
  })
  if (page.length > 0) pages.push(page)
  return { size: pageSize, pages, settled: false }
}

/**
 * The largest of `sizes` (px, largest first) at which every item of the measuring list fits on
 * the screen whole — wrapped, never cut or ellipsised. When even the smallest does not fit, the
 * items are split into pages at `pageSize`. `measure` is an invisible copy of the list with all
 * items (each marked `data-fit-item`), laid out like the shown one; `key` changes when the items
 * or the screen change.
 */
export function useFitText(
  measure: RefObject<HTMLElement | null>,
  sizes: number[],
  pageSize: number,
  key: string,
): TextFit {
  const [fit, setFit] = useState<TextFit>({ size: sizes[0]!, pages: [], settled: false })
  useLayoutEffect(() => {
    let fontsReady = false
    const run = () => {
      const list = measure.current
      if (list) setFit({ ...measureFit(list, sizes, pageSize), settled: fontsReady })
    }
    run()
    // Web fonts arriving late change every line break.
    void (document.fonts?.ready ?? Promise.resolve()).then(() => {
      fontsReady = true
      run()
    })
    window.addEventListener('resize', run)
    return () => window.removeEventListener('resize', run)
    // `key` stands for the items and the screen; the sizes are constants of the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return fit
}
