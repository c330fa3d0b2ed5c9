import '../workshop/workshopAdmin.css'
import type { JoinInfoResponse } from '@pinnwand/shared/api'
import { Limits } from '@pinnwand/shared/limits'
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, joinWorkshop, takeSeat } from '../api/apiClient.ts'
import { identityStore, type ParticipantIdentity } from '../session/identityStore.ts'
import { tableName } from '@pinnwand/shared/tableName'
import { ErrorText } from '../ui/ErrorText.tsx'
import { enterBoard } from './enterBoard.ts'

/**
 * Name (remembered on this device) and, unless the QR code named one, the table. A device that
 * already joined this workshop continues as the same participant: no second identity, so dot
 * budgets and authorship stay with the person.
 */
export function JoinForm({
  info,
  joinCode,
  identity,
  preselectedBoardId,
  onForgetIdentity,
}: {
  info: JoinInfoResponse
  joinCode: string
  identity: ParticipantIdentity | null
  preselectedBoardId: string | null
  onForgetIdentity: () => void
}) {
  const { t } = useTranslation()
  // "Tisch 3 · Mobilität", as the table card and the board header say it.
  const numbered = (board: JoinInfoResponse['boards'][number]) =>
    tableName(board.title, board.number, (number, title) => t('control.tableName', { number, title }))
  const id = useId()
  const [name, setName] = useState(() => identityStore.displayName())
  const [boardId, setBoardId] = useState<string | null>(
    preselectedBoardId ?? (info.boards.length === 1 ? (info.boards[0]?.id ?? null) : null),
  )
  const [missing, setMissing] = useState<{ name?: boolean; board?: boolean }>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  // Joined in this form, but the chosen table turned out to be full: keep that identity.
  const [joined, setJoined] = useState<ParticipantIdentity | null>(null)
  const [refusedIds, setRefusedIds] = useState<string[]>([])
  const nameInput = useRef<HTMLInputElement>(null)
  const firstBoard = useRef<HTMLInputElement>(null)
  const workshopId = info.workshop.id
  const boardIds = info.boards.map((board) => board.id)
  const me = joined ?? identity
  // A full table from the QR code: the choice of the other tables appears instead.
  const chooseTable = (!preselectedBoardId || refusedIds.length > 0) && info.boards.length > 1
  const isFull = (board: JoinInfoResponse['boards'][number]) =>
    refusedIds.includes(board.id) || (board.maxParticipants != null && (board.seated ?? 0) >= board.maxParticipants)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    const nextMissing = { name: !me && trimmed === '', board: boardId === null }
    setMissing(nextMissing)
    if (nextMissing.name) return nameInput.current?.focus()
    if (nextMissing.board || boardId === null) return firstBoard.current?.focus()
    setBusy(true)
    setError(null)
    try {
      let token = me?.participantToken
      if (!token) {
        const created = await joinWorkshop(workshopId, trimmed, joinCode)
        identityStore.saveDisplayName(trimmed)
        identityStore.saveParticipant(workshopId, { ...created, name: trimmed })
        setJoined({ ...created, name: trimmed })
        token = created.participantToken
      }
      await takeSeat(boardId, token)
      enterBoard(workshopId, boardIds, boardId, token)
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === 'table_full') {
        setRefusedIds((ids) => [...ids, boardId])
        setBoardId(null)
      }
      setError(cause)
      setBusy(false)
    }
  }

  const preselected = refusedIds.length > 0 ? undefined : info.boards.find((board) => board.id === preselectedBoardId)
  return (
    <form
      className="pw-form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-describedby={error ? `${id}-error` : undefined}
    >
      {preselected ? (
        <div className="pw-join__table">
          <p className="pw-hint">{t('join.yourTable')}</p>
          <h2>{numbered(preselected)}</h2>
          {preselected.question ? <p>{preselected.question}</p> : null}
        </div>
      ) : null}
      {me === identity && identity ? (
        <div className="pw-join__identity">
          <p>{t('join.welcomeBack', { name: identity.name })}</p>
          <button type="button" className="pw-button pw-button--quiet" onClick={onForgetIdentity}>
            {t('join.notMe', { name: identity.name })}
          </button>
        </div>
      ) : me ? (
        <p className="pw-join__identity">{t('join.joinedAs', { name: me.name })}</p>
      ) : (
        <div className="pw-field">
          <label htmlFor={`${id}-name`}>{t('join.nameLabel')}</label>
          <input
            id={`${id}-name`}
            ref={nameInput}
            className="pw-input pw-input--large"
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={Limits.displayNameMax}
            autoComplete="nickname"
            // After the QR code the name is the one thing left to type.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
            required
            aria-invalid={missing.name ?? false}
            aria-describedby={`${id}-name-hint${missing.name ? ` ${id}-name-error` : ''}`}
          />
          <p className="pw-hint" id={`${id}-name-hint`}>
            {t('join.nameHint')}
          </p>
          {missing.name ? (
            <p className="pw-error" id={`${id}-name-error`}>
              {t('join.nameMissing')}
            </p>
          ) : null}
        </div>
      )}
      {chooseTable ? (
        <fieldset className="pw-join__tables" aria-describedby={missing.board ? `${id}-board-error` : undefined}>
          <legend>{t('join.chooseTable')}</legend>
          {info.boards.map((board, index) => (
            <label key={board.id} className="pw-choice">
              <input
                type="radio"
                name="board"
                value={board.id}
                ref={index === 0 ? firstBoard : undefined}
                checked={boardId === board.id}
                onChange={() => setBoardId(board.id)}
              />
              <span>
                <span className="pw-choice__title">
                  {numbered(board)}
                  {board.kind === 'plenary' && !board.title.toLowerCase().includes(t('plenary.badge').toLowerCase()) ? (
                    <span className="pw-badge" data-testid="join-plenary-badge">
                      {t('plenary.badge')}
                    </span>
                  ) : null}
                  {isFull(board) ? <span className="pw-badge pw-choice__full">{t('join.full')}</span> : null}
                </span>
                {board.question ? (
                  <span className="pw-choice__detail">{board.question}</span>
                ) : board.kind === 'plenary' ? (
                  <span className="pw-choice__detail">{t('plenary.join.plenaryHint')}</span>
                ) : null}
                {board.maxParticipants != null ? (
                  <span className="pw-choice__detail">
                    {t('join.seats', { seated: board.seated ?? 0, max: board.maxParticipants })}
                  </span>
                ) : null}
              </span>
            </label>
          ))}
          {missing.board ? (
            <p className="pw-error" id={`${id}-board-error`}>
              {t('join.tableMissing')}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <ErrorText error={error} id={`${id}-error`} />
      <div className="pw-form__actions">
        <button type="submit" className="pw-button pw-button--primary pw-button--large" disabled={busy}>
          {busy ? t('join.joining') : t('join.submit')}
        </button>
      </div>
    </form>
  )
}
