import * as controlRoutes from '@pinnwand/shared/controlRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSession } from '../state/sessionStore.ts'
import { useBoardContext } from './BoardContext.ts'

/**
 * "Ich bin fertig" for participants while collecting or voting: the facilitator and the control
 * room see how many are done. Pressed again, it takes it back. A new phase or round starts undone.
 */
export function DoneButton() {
  const { t } = useTranslation()
  const { me, boardId, token } = useBoardContext()
  const state = useSession((s) => s.boardState)
  const roundId =
    (state?.round as { id?: string; status?: string } | null | undefined)?.status === 'open'
      ? (state?.round as { id: string }).id
      : null
  const task = roundId ? `round:${roundId}` : state?.phase === 'collect' ? 'collect' : null
  const [done, setDone] = useState<{ task: string; done: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (!task || me.role !== 'participant') return
    let cancelled = false
    callApi(controlRoutes.getDone, { params: { boardId }, token }).then(
      (answer) => {
        if (!cancelled && answer.context === task) setDone({ task, done: answer.done })
      },
      () => undefined,
    )
    return () => {
      cancelled = true
    }
  }, [task, boardId, token, me.role])

  if (!task || me.role !== 'participant') return null
  const isDone = done?.task === task && done.done
  const toggle = async () => {
    setBusy(true)
    try {
      const answer = await callApi(controlRoutes.setDone, { params: { boardId }, body: { done: !isDone }, token })
      if (answer.context) setDone({ task: answer.context, done: answer.done })
    } catch {
      // The phase moved on meanwhile: the next board state hides or resets the button.
    } finally {
      setBusy(false)
    }
  }
  return (
    <button
      type="button"
      className={`pw-chip pw-chip--done${isDone ? ' pw-chip--done-on' : ''}`}
      aria-pressed={isDone}
      disabled={busy}
      data-testid="done-button"
      onClick={() => void toggle()}
    >
      {isDone ? t('control.imDoneOn') : t('control.imDone')}
    </button>
  )
}
