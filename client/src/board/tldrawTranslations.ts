import i18next from 'i18next'
import type { TLUiOverrides } from 'tldraw'
import { Languages } from '../i18n/languages.ts'

/**
 * tldraw's own strings, where its translations leave a gap: the names of our shapes (tldraw's
 * screen-reader announcement reads `tool.<shape type>` and said "tool.cluster" otherwise) and
 * German labels that were English ("Styles", "Dash") or cut in the style panel ("Pfeilspit…").
 * The wording lives in the app's i18n files (`tldraw.*`), so it is checked like every other text.
 */
const TLDRAW_KEYS: Record<string, string> = {
  // Shape and tool names: the a11y announcer asks for `tool.${shape.type}`.
  'tool.idea-card': 'board.ideaCardTool',
  'tool.cluster': 'clusters.new',
  'style-panel.title': 'tldraw.styles',
  'tool-panel.title': 'tldraw.tools',
  'shortcuts-dialog.tools': 'tldraw.tools',
  'style-panel.arrowheads': 'tldraw.arrowheads',
  'style-panel.dash': 'tldraw.dash',
  'style-panel.spline': 'tldraw.spline',
  'style-panel.label-align': 'tldraw.labelAlign',
  'fill-style.semi': 'tldraw.fillSemi',
  'font-style.sans': 'tldraw.fontSans',
  'font-style.serif': 'tldraw.fontSerif',
  'font-style.mono': 'tldraw.fontMono',
  'align-style.start': 'tldraw.alignStart',
  'tool.rich-text-highlight': 'tldraw.highlight',
  'tool.rich-text-link-visit': 'tldraw.linkVisit',
  'tool.laser': 'tldraw.laser',
  'navigation-zone.minimap': 'tldraw.minimap',
  'tool.check-box': 'tldraw.checkBox',
  'tool.flip-horz': 'tldraw.flipHorizontal',
  'tool.flip-vert': 'tldraw.flipVertical',
}

/** The label keys of our tools, resolved by tldraw in its current language. */
export const ToolLabelKey = { ideaCard: 'tool.idea-card', cluster: 'tool.cluster' } as const

/** `overrides.translations` for <Tldraw>: our wording for the keys above, in every app language. */
export function tldrawTranslations(): NonNullable<TLUiOverrides['translations']> {
  return Object.fromEntries(
    Languages.map((language) => {
      const t = i18next.getFixedT(language)
      return [language, Object.fromEntries(Object.entries(TLDRAW_KEYS).map(([key, appKey]) => [key, t(appKey)]))]
    }),
  )
}
