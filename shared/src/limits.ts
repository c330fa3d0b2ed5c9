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
  /**
   * Record limits (docs/board-document.md, "Record limits"): every write path checks them, so no
   * record can break an export or a version. Nesting counts objects and arrays inside `meta` or
   * `props` (tldraw's rich text of a deeply nested list stays well below 32).
   */
  recordNestingMax: 32,
  /** A record id (tldraw's are a type prefix and 21 characters; every copy of the key stays). */
  recordIdMax: 256,
  /** `meta` of one record as JSON (the web app stores only `createdBy` there). */
  recordMetaBytesMax: 16 * 1024,
  /** `props` of one record as JSON; a long freehand stroke is a few tens of kB. */
  recordPropsBytesMax: 256 * 1024,
  /** |x| and |y| of a shape; further out a card is lost from every canvas. */
  coordinateMax: 1_000_000,
  /** An image asset stored inline as a `data:` URL (larger images need a server-hosted file). */
  dataUrlBytesMax: 1024 * 1024,
  /** One uploaded image (`POST /api/boards/:boardId/assets`); a phone photo is 3–8 MB. */
  assetBytesMax: 10 * 1024 * 1024,
  /** All uploaded images of one board together (a full disk would stop every board). */
  boardAssetBytesMax: 200 * 1024 * 1024,
  /** Width and height of an uploaded image in pixels (a decoded 16k × 16k picture is 1 GiB). */
  assetPixelsMax: 16_384,
} as const
