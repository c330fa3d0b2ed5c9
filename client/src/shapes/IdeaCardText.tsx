import { Limits } from '@pinnwand/shared/limits'
import type { IdeaCardShape } from '@pinnwand/shared/boardSchema'
import type { ChangeEvent } from 'react'
import { useEditablePlainText } from 'tldraw'
import { IdeaCardLayout } from './ideaCardLayout.ts'

/**
 * The card's text: React text nodes when shown (never HTML, so `<script>` in an idea is just
 * text), a textarea while the card is being edited.
 */
export function IdeaCardText({ shape }: { shape: IdeaCardShape }) {
  const { id, type, props } = shape
  const editable = useEditablePlainText(id, type, props.text)
  const { rInput, isEditing } = editable

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    // maxLength stops typing; the slice also covers paste and IME input in older browsers.
    editable.handleChange({ plaintext: event.target.value.slice(0, Limits.ideaTextMax) })
  }

  const textStyle = {
    fontSize: IdeaCardLayout.fontSize,
    lineHeight: IdeaCardLayout.lineHeight,
    fontFamily: IdeaCardLayout.fontFamily,
  }

  return (
    <div className="pw-idea-card__body" style={{ padding: IdeaCardLayout.padding }}>
      {isEditing ? (
        <textarea
          ref={rInput}
          className="pw-idea-card__input"
          style={textStyle}
          name="idea-text"
          maxLength={Limits.ideaTextMax}
          defaultValue={props.text}
          dir="auto"
          spellCheck
          onChange={onChange}
          onFocus={editable.handleFocus}
          onBlur={editable.handleBlur}
          onKeyDown={(event) => editable.handleKeyDown(event.nativeEvent)}
          onPointerDown={editable.handleInputPointerDown}
          onPaste={editable.handlePaste}
          onDoubleClick={editable.handleDoubleClick}
          onContextMenu={(event) => event.stopPropagation()}
        />
      ) : (
        <div className="pw-idea-card__text" style={textStyle} dir="auto">
          {props.text}
        </div>
      )}
    </div>
  )
}
