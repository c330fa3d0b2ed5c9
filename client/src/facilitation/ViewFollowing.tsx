import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.ts'
import { viewAction } from './facilitationApi.ts'
import { PhaseNoticeToast } from './PhaseNoticeToast.tsx'
import { type ViewFollowing as ViewFollowingState, useViewFollowing } from './useViewFollowing.ts'
import './facilitation.css'

/**
 * Inside <Tldraw> for facilitators and participants: carries out "follow me" and "bring
 * everyone" on this screen, and shows it (FollowChip). Participants also get a notice when the
 * phase, a voting round or "follow me" changes (the facilitator made those changes).
 */
export function ViewFollowing() {
  const editor = useEditor()
  const { me, boardId, token } = useBoardContext()
  return (
    <>
      <FollowChip {...useViewFollowing(editor, me, boardId, token)} />
      {me.role === 'participant' ? <PhaseNoticeToast myUserId={me.userId} /> : null}
    </>
  )
}

/** Who is being followed, with a way out (and back in); for the facilitator, a way to end it. */
function FollowChip({ following, leaderName, sharing, stop, rejoin }: ViewFollowingState) {
  const { t } = useTranslation()
  const { boardId, token } = useBoardContext()
  const [busy, setBusy] = useState(false)
  const unfollowAll = async () => {
    setBusy(true)
    try {
      await viewAction(boardId, { action: 'unfollow' }, token)
    } catch {
      // Stays on; the panel's toggle shows the state and can try again.
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="pw-follow-region" role="status" aria-live="polite">
      {following && leaderName ? (
        <span className="pw-chip pw-follow-chip" data-testid="follow-chip" data-following="true">
          <span>{t('facilitation.followingName', { name: leaderName })}</span>
          <button type="button" className="pw-follow-chip__button" onClick={stop}>
            {t('facilitation.stopFollowing')}
          </button>
        </span>
      ) : leaderName ? (
        <span className="pw-chip pw-follow-chip" data-testid="follow-chip" data-following="false">
          <span>{t('facilitation.leaderSharing', { name: leaderName })}</span>
          <button type="button" className="pw-follow-chip__button" onClick={rejoin}>
            {t('facilitation.followAgain')}
          </button>
        </span>
      ) : sharing ? (
        <span className="pw-chip pw-follow-chip pw-follow-chip--sharing" data-testid="follow-chip" data-sharing="true">
          <span>{t('facilitation.everyoneFollows')}</span>
          <button type="button" className="pw-follow-chip__button" disabled={busy} onClick={() => void unfollowAll()}>
            {t('facilitation.endFollow')}
          </button>
        </span>
      ) : null}
    </div>
  )
}
