import { Limits } from '@pinnwand/shared/limits'
import { defaultHandleExternalTextContent, type Editor } from 'tldraw'
import { placeLinkAsText } from '../../images/BoardMediaHandlers.tsx'
import type { Me } from '../../api/apiClient.ts'
import { useHeldCards } from '../../moderation/heldCardsStore.ts'
import { usePrivateCards } from '../../privatePhase/privateCardsStore.ts'
import { rememberedPhase, safeLocalStorage } from '../../privatePhase/privateOutbox.ts'
import { useSession } from '../../state/sessionStore.ts'
import { useIdeaFieldRequest } from '../ideaFieldRequest.ts'
import { caughtTexts, catchHeldBackCards, type HeldBackText } from './catchHeldBackCards.ts'
import { HeldBackKind, heldBackKind } from './heldBackKind.ts'
import { notifyHeldBack } from './heldBackNotice.ts'

interface Board {
  me: Me
  boardId: string
  token: string
}

// The card tool's gate per editor (the tool's shortcut lives in the UI overrides, which get only the editor).
const gates = new WeakMap<Editor, () => boolean>()

/**
 * Whether the card tool must not open because new cards are held back; if so, the person is
 * told where to write instead and the "add idea" field takes the focus. Called by the tool's
 * button and its "i" shortcut.
 */
export function ideaToolHeldBack(editor: Editor): boolean {
  return gates.get(editor)?.() ?? false
}

/**
 * Routes every other way of making an idea card through the card APIs while a participant's new
 * cards are held back (Stilles Sammeln, the moderation inbox): a card pasted, duplicated or made
 * with the card tool becomes a private or a waiting card with its text; plain text pasted onto
 * the canvas becomes one card (a tldraw text would put it on everyone's screen at once, the one
 * thing the phase is for). An empty card has nothing to keep: the person is told to use the
 * field. Nothing disappears without a word. Call once the editor is mounted, after the media
 * handlers (this replaces their link handler, falling back to it).
 */
export function installHeldBackCards(editor: Editor, board: Board): () => void {
  const kindNow = () =>
    heldBackKind(board.me.role, useSession.getState().boardState, rememberedPhase(safeLocalStorage(), board.boardId))
  const stopCatching = catchHeldBackCards(
    editor,
    () => kindNow() !== null,
    (cards) => {
      const kind = kindNow()
      const { texts, empty } = caughtTexts(cards)
      // The phase ended between catching and now: the text still goes where it was meant to.
      void route(kind ?? HeldBackKind.privatePhase, texts, empty, board)
    },
  )
  gates.set(editor, () => {
    const kind = kindNow()
    if (!kind) return false
    editor.setCurrentTool('select')
    notifyHeldBack({ kind, sent: 0, queued: 0, failed: 0, empty: 0, cause: null, tool: true })
    useIdeaFieldRequest.getState().ask(null)
    return true
  })
  // Pasted or dropped text and links: one card while held back, else what the board always does.
  editor.registerExternalContentHandler('text', async (info) => {
    const kind = kindNow()
    if (!kind) return defaultHandleExternalTextContent(editor, info)
    await routeText(kind, info.text, board)
  })
  editor.registerExternalContentHandler('url', async (info) => {
    const kind = kindNow()
    if (!kind) return placeLinkAsText(editor, info)
    await routeText(kind, info.url, board)
  })
  return () => {
    stopCatching()
    gates.delete(editor)
  }
}

function routeText(kind: HeldBackKind, text: string, board: Board): Promise<void> {
  const trimmed = text.trim()
  // Never on the board, so nobody else can keep it: a fresh request id does.
  return trimmed === '' ? Promise.resolve() : route(kind, [{ text: trimmed }], 0, board)
}

/**
 * Sends the texts the way the "add idea" field does: private cards (kept in the outbox while
 * offline), or cards for the inbox (online only). What cannot be sent goes into the field, where
 * the person can send it again, and the person hears what happened either way.
 */
async function route(kind: HeldBackKind, texts: HeldBackText[], empty: number, board: Board): Promise<void> {
  const online = useSession.getState().connection === 'connected'
  const failed: string[] = []
  let sent = 0
  let queued = 0
  let cause: unknown = null
  for (const { text, requestId } of texts) {
    // Too long for a card: the field shows the limit and lets the person shorten it.
    if (text.length > Limits.ideaTextMax) {
      failed.push(text)
      continue
    }
    try {
      if (kind === HeldBackKind.privatePhase) {
        const how = await usePrivateCards.getState().write(board.boardId, text, board.token, online, requestId)
        if (how === 'queued') queued++
        else sent++
      } else if (!online) {
        failed.push(text)
        cause ??= 'offline'
      } else {
        await useHeldCards.getState().add(board.boardId, text, board.token, requestId)
        sent++
      }
    } catch (error) {
      failed.push(text)
      cause ??= error
    }
  }
  if (failed.length > 0 || (texts.length === 0 && empty > 0))
    useIdeaFieldRequest.getState().ask(failed.join('\n') || null)
  notifyHeldBack({ kind, sent, queued, failed: failed.length, empty, cause, tool: false })
}
