import { useTranslation } from 'react-i18next'
import { useEditor, useValue } from 'tldraw'
import { showEverything } from './showEverything.ts'

/**
 * "Alles zeigen": one click or tap frames the whole board again, after zooming into a corner or
 * following someone. Shown whenever there is something to show.
 */
export function ShowEverythingButton() {
  const { t } = useTranslation()
  const editor = useEditor()
  const hasContent = useValue('board has content', () => editor.getCurrentPageShapeIds().size > 0, [editor])
  if (!hasContent) return null
  return (
    <button
      type="button"
      className="pw-show-everything"
      data-testid="show-everything"
      title={t('board.showEverythingHint')}
      onClick={() => showEverything(editor, { animate: true })}
      onPointerDown={(event) => event.stopPropagation()}
    >
      <svg
        aria-hidden="true"
        width="20"
        height="20"
        viewBox="0 0 20 20"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      >
        <path d="M2 7V2h5M13 2h5v5M18 13v5h-5M7 18H2v-5" />
      </svg>
      <span>{t('board.showEverything')}</span>
    </button>
  )
}
