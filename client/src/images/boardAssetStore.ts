import type { TLAssetStore } from 'tldraw'
import { createImageLoader, uploadImage } from './imageApi.ts'

/**
 * Where a board's pictures live: on the server, never inline in the document and never at an
 * outside address. tldraw asks `upload` for a picture's URL before it writes the asset record,
 * and `resolve` for what to draw.
 */
export function createBoardAssetStore(boardId: string, token: string): TLAssetStore & { dispose(): void } {
  const loader = createImageLoader(token)
  return {
    async upload(_asset, file) {
      const uploaded = await uploadImage(boardId, token, file)
      return { src: uploaded.src }
    },
    resolve(asset) {
      const src = asset.props.src
      return src ? loader.resolve(src) : null
    },
    dispose: () => loader.dispose(),
  }
}
