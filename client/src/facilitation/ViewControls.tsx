import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor } from 'tldraw'
import { errorMessageKey } from '../api/errorMessageKey.ts'
import { useBoardContext } from '../board/BoardContext.ts'
import { useSession } from '../state/sessionStore.ts'
import { viewAction } from './facilitationApi.ts'
import { currentView } from './showView.ts'

/** "Bring everyone to my view" (once) and "Follow me" (until ended), for the facilitator. */
export function ViewControls() {
  const { t } = useTranslation()
  const editor = useEditor()
  const { me, boardId, token } = useBoardContext()
  const follow = useSession((s) => s.boardState?.follow ?? null)
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [summoned, setSummoned] = useState(false)
  const sharing = follow?.userId === me.userId

  const run = async (action: Parameters<typeof viewAction>[1], done?: () => void) => {
    setBusy(true)
    setError(null)
    setSummoned(false)
    try {
      await viewAction(boardId, action, token)
      done?.()
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }
  const describe = (cause: unknown) => {
    const { key, values } = errorMessageKey(cause)
    return t(key, values)
  }

  return (
    <section className="pw-facilitation__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="pw-facilitation__heading">
        {t('facilitation.viewHeading')}
      </h3>
      <div className="pw-facilitation__buttons">
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={busy}
          data-testid="summon-everyone"
          onClick={() => void run({ action: 'summon', ...currentView(editor) }, () => setSummoned(true))}
        >
          {t('facilitation.summon')}
        </button>
        <button
          type="button"
          className="pw-button pw-button--secondary"
          aria-pressed={sharing}
          disabled={busy}
          data-testid="follow-me"
          onClick={() => void run(sharing ? { action: 'unfollow' } : { action: 'follow', ...currentView(editor) })}
        >
          {t('facilitation.followMe')}
        </button>
      </div>
      <p className="pw-facilitation__hint">{t('facilitation.viewHint')}</p>
      <p role="status" aria-live="polite" className="pw-facilitation__error">
        {error ? describe(error) : summoned ? t('facilitation.summoned') : null}
      </p>
    </section>
  )
}
