/** A speech bubble (decorative: the text next to it or the label says what it means). */
export function CommentIcon() {
  return (
    <svg className="pw-comment-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d="M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H10l-4.5 3.6A.6.6 0 0 1 4.5 20v-3H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"
        fill="currentColor"
      />
    </svg>
  )
}
