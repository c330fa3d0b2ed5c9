import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import {
  createShapesForAssets,
  defaultHandleExternalTextContent,
  type Editor,
  type TLAsset,
  type TLShapeId,
  useToasts,
  type VecLike,
} from 'tldraw'
import { Limits, UploadImageTypes } from '@pinnwand/shared'
import { ApiError } from '../api/apiClient.ts'

/** At most this many pictures from one drop or paste (each is one upload). */
const FILES_AT_ONCE = 10

/** Why a picture could not be placed, as an i18n key under `images.`. */
export function uploadFailureKey(error: unknown): string {
  if (!(error instanceof ApiError)) return 'images.offline'
  switch (error.code) {
    case 'payload_too_large':
      return 'images.tooLarge'
    case 'unsupported_image':
      return 'images.unsupported'
    case 'board_locked':
      return 'images.locked'
    case 'board_assets_full':
      return 'images.boardFull'
    case 'rate_limited':
      return 'images.tryLater'
    default:
      return error.status === 403 ? 'images.notAllowed' : 'images.failed'
  }
}

type Fail = (key: string, name: string) => void

/**
 * The asset record of an uploaded picture, or null (and a message) when it cannot be one.
 * Non-pictures and pictures over the limit are refused here with the same words the server
 * would use, before anything is sent.
 */
async function uploadPicture(editor: Editor, file: File, fail: Fail): Promise<TLAsset | null> {
  if (!(UploadImageTypes as readonly string[]).includes(file.type)) {
    fail('images.unsupported', file.name)
    return null
  }
  if (file.size > Limits.assetBytesMax) {
    fail('images.tooLarge', file.name)
    return null
  }
  try {
    return (await editor.getAssetForExternalContent({ type: 'file', file })) ?? null
  } catch (error) {
    console.warn('image upload failed', error)
    fail(uploadFailureKey(error), file.name)
    return null
  }
}

/**
 * Pictures are uploaded first and placed once the server holds them, so the board never shows
 * a picture that others cannot load (tldraw would write the asset first and its address later,
 * a change of an asset the server refuses from participants).
 */
async function placeImages(editor: Editor, files: File[], point: VecLike | undefined, fail: Fail): Promise<void> {
  const position = point ?? editor.getViewportPageBounds().center
  const assets: TLAsset[] = []
  for (const file of files.slice(0, FILES_AT_ONCE)) {
    const asset = await uploadPicture(editor, file, fail)
    if (asset) assets.push(asset)
  }
  if (assets.length > 0) await createShapesForAssets(editor, assets, position)
}

/** "Replace image": the same order — upload, then write the new asset and point the shape at it. */
async function replaceImage(editor: Editor, file: File, shapeId: TLShapeId, fail: Fail): Promise<void> {
  const asset = await uploadPicture(editor, file, fail)
  const shape = editor.getShape(shapeId)
  if (!asset || !shape || (shape.type !== 'image' && shape.type !== 'video')) return
  const { w, h } = asset.props as { w: number; h: number }
  editor.run(() => {
    if (!editor.getAsset(asset.id)) editor.createAssets([asset])
    editor.updateShapes([
      {
        id: shape.id,
        type: shape.type,
        props: { assetId: asset.id, w, h, ...(shape.type === 'image' ? { crop: null } : {}) },
      },
    ])
  })
}

/** A pasted or dropped link becomes plain text: no preview fetched, no embed. */
export function placeLinkAsText(editor: Editor, { point, url }: { point?: VecLike; url: string }): Promise<void> {
  return defaultHandleExternalTextContent(editor, { point, text: url })
}

/** Shows why a picture could not be placed; set by <MediaToasts>, which has tldraw's toasts. */
const notify: { current: ((key: string, name: string) => void) | null } = { current: null }

/**
 * How outside content lands on the board: pictures are uploaded to the server; a pasted link
 * becomes text (tldraw would fetch the page for a preview card, or embed it as an iframe — both
 * requests to outside addresses); embeds are not offered at all (the server refuses them).
 * Called from the editor's onMount, which runs right after tldraw registered its own handlers.
 */
export function installMediaHandlers(editor: Editor): void {
  const fail = (key: string, name: string) => notify.current?.(key, name)
  editor.registerExternalContentHandler('files', ({ point, files }) => placeImages(editor, files, point, fail))
  editor.registerExternalContentHandler('file-replace', ({ file, shapeId }) =>
    replaceImage(editor, file, shapeId, fail),
  )
  editor.registerExternalContentHandler('url', (info) => placeLinkAsText(editor, info))
  editor.registerExternalContentHandler('embed', null)
  editor.registerExternalAssetHandler('url', null)
}

/** Polite, translated messages for pictures that could not be placed. */
export function MediaToasts() {
  const toasts = useToasts()
  const { t } = useTranslation()
  useEffect(() => {
    notify.current = (key, name) =>
      toasts.addToast({
        title: t('images.failedTitle'),
        description: t(key, { name, max: Limits.assetBytesMax / (1024 * 1024) }),
        severity: 'error',
      })
    return () => {
      notify.current = null
    }
  }, [toasts, t])
  return null
}
