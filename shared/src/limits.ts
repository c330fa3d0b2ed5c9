/** Limits shared by client validation, server validation and the API schemas. */
export const Limits = {
  ideaTextMax: 2000,
  /** A comment on an idea card (docs/board-document.md, Comments). */
  commentTextMax: 1000,
  displayNameMax: 60,
  titleMax: 200,
  questionMax: 1000,
  boardsPerWorkshopMax: 100,
  /** Largest single WebSocket message the server accepts (an offline client's backlog fits easily). */
  wsMessageBytesMax: 8 * 1024 * 1024,
  /** Largest HTTP body the API accepts. */
  httpBodyBytesMax: 2 * 1024 * 1024,
} as const
