/**
 * The part of pdfkit's API the report uses. @types/pdfkit pulls a second @types/node major into
 * the workspace, so the few signatures we need are declared here.
 */
declare module 'pdfkit' {
  interface TextOptions {
    width?: number
    height?: number
    align?: 'left' | 'center' | 'right' | 'justify'
    continued?: boolean
    lineGap?: number
    paragraphGap?: number
    indent?: number
    ellipsis?: boolean | string
    lineBreak?: boolean
    underline?: boolean
    link?: string | null
    destination?: string
    goTo?: string | null
    features?: string[]
    characterSpacing?: number
    baseline?: string | number
  }
  interface PDFPage {
    width: number
    height: number
    margins: { top: number; bottom: number; left: number; right: number }
  }
  /** A node of the PDF's structure tree (tagged PDF); see pdfLayout.ts `block`/`group`. */
  class PDFStructureElement {
    add(child: PDFStructureElement | (() => void)): this
    end(): void
  }
  interface StructureOptions {
    alt?: string
    lang?: string
    title?: string
    actual?: string
    bbox?: [number, number, number, number]
    placement?: string
    scope?: 'Row' | 'Column' | 'Both'
  }
  interface OutlineItem {
    addItem(title: string, options?: { expanded?: boolean }): OutlineItem
  }
  interface DocumentOptions {
    size?: string | [number, number]
    margins?: { top: number; bottom: number; left: number; right: number }
    bufferPages?: boolean
    autoFirstPage?: boolean
    lang?: string
    displayTitle?: boolean
    pdfVersion?: string
    tagged?: boolean
    subset?: 'PDF/A-2b' | 'PDF/A-2a' | 'PDF/A-3b' | 'PDF/UA'
    layout?: 'portrait' | 'landscape'
    info?: Record<string, string | Date>
    compress?: boolean
  }
  class PDFDocument {
    constructor(options?: DocumentOptions)
    x: number
    y: number
    page: PDFPage
    outline: OutlineItem
    on(event: 'data', listener: (chunk: Buffer) => void): this
    on(event: 'end', listener: () => void): this
    on(event: 'error', listener: (error: Error) => void): this
    on(event: 'pageAdded', listener: () => void): this
    end(): void
    addPage(options?: DocumentOptions): this
    switchToPage(index: number): this
    bufferedPageRange(): { start: number; count: number }
    registerFont(name: string, src: Buffer | string): this
    font(name: string, size?: number): this
    fontSize(size: number): this
    fillColor(color: string, opacity?: number): this
    strokeColor(color: string, opacity?: number): this
    fillOpacity(opacity: number): this
    lineWidth(width: number): this
    text(text: string, options?: TextOptions): this
    text(text: string, x?: number, y?: number, options?: TextOptions): this
    heightOfString(text: string, options?: TextOptions): number
    widthOfString(text: string, options?: TextOptions): number
    currentLineHeight(includeGap?: boolean): number
    moveDown(lines?: number): this
    rect(x: number, y: number, w: number, h: number): this
    roundedRect(x: number, y: number, w: number, h: number, r: number): this
    moveTo(x: number, y: number): this
    lineTo(x: number, y: number): this
    fill(color?: string): this
    stroke(color?: string): this
    fillAndStroke(fill?: string, stroke?: string): this
    image(
      src: Buffer | string,
      x?: number,
      y?: number,
      options?: { width?: number; height?: number; fit?: [number, number]; align?: string; valign?: string },
    ): this
    addNamedDestination(name: string, ...args: unknown[]): void
    struct(type: string, options?: StructureOptions | (() => void), children?: () => void): PDFStructureElement
    addStructure(element: PDFStructureElement): this
    markContent(tag: string, options?: Record<string, unknown> | null): this
    endMarkedContent(): this
    appendXML(xml: string): void
    save(): this
    restore(): this
  }
  export { PDFStructureElement }
  export default PDFDocument
}
