import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { JoinCodeForm } from '../join/JoinCodeForm.tsx'
import { enterBoard } from '../join/enterBoard.ts'
import { JoinForm } from '../join/JoinForm.tsx'
import { formatJoinCode, normalizeJoinCode } from '../join/joinCode.ts'
import { useJoinInfo } from '../join/useJoinInfo.ts'
import { identityStore } from '../session/identityStore.ts'
import { LegalFooter } from '../privacy/LegalFooter.tsx'
import { AppHeader } from '../ui/AppHeader.tsx'
import { ErrorText } from '../ui/ErrorText.tsx'

/** `/join/:code[?board=…]`: the participant's way in, from QR code or typed code. */
export function JoinPage({ code }: { code: string | null }) {
  const { t } = useTranslation()
  return (
    <>
      <AppHeader />
      <main className="pw-page pw-join">
        {code ? (
          <JoinWithCode key={code} code={normalizeJoinCode(code)} />
        ) : (
          <div className="pw-card">
            <h1>{t('join.heading')}</h1>
            {/* The page's only task; see JoinCodeForm. */}
            {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
            <JoinCodeForm autoFocus />
          </div>
        )}
      </main>
      <LegalFooter />
    </>
  )
}

function JoinWithCode({ code }: { code: string }) {
  const { t } = useTranslation()
  const state = useJoinInfo(code)
  const [forgotten, setForgotten] = useState(false)
  const requestedBoard = new URLSearchParams(location.search).get('board')
  const ready = state.status === 'ready' ? state : null
  const identity = forgotten ? null : (ready?.identity ?? null)
  const preselected = ready?.info.boards.some((board) => board.id === requestedBoard) ? requestedBoard : null

  // Back on this device with a table QR code: nothing to ask, straight to the table.
  useEffect(() => {
    if (ready && identity && preselected) {
      enterBoard(
        ready.info.workshop.id,
        ready.info.boards.map((board) => board.id),
        preselected,
        identity.participantToken,
      )
    }
  }, [ready, identity, preselected])

  useEffect(() => {
    if (ready) document.title = `${ready.info.workshop.title} – ${t('app.name')}`
  }, [ready, t])

  if (state.status === 'loading' || (ready && identity && preselected)) {
    return (
      <p className="pw-card" role="status">
        {t('common.loading')}
      </p>
    )
  }
  if (state.status === 'failed') {
    return (
      <div className="pw-card" data-testid="join-error">
        <h1>{t('join.failedHeading')}</h1>
        <p className="pw-hint">{t('join.codeWas', { code: formatJoinCode(code) })}</p>
        <ErrorText error={state.error} />
        <JoinCodeForm />
      </div>
    )
  }
  const { info } = state
  return (
    <div className="pw-card">
      <p className="pw-hint">{t('join.workshopLabel')}</p>
      <h1>{info.workshop.title}</h1>
      <JoinForm
        info={info}
        joinCode={code}
        identity={identity}
        preselectedBoardId={preselected}
        onForgetIdentity={() => {
          identityStore.forgetParticipant(info.workshop.id)
          setForgotten(true)
        }}
      />
    </div>
  )
}
