import type { BoardDisplayInfo } from '@pinnwand/shared/facilitationApi'
import { useTranslation } from 'react-i18next'
import { formatJoinCode, joinUrl } from '../join/joinCode.ts'
import { QrCode } from '../print/QrCode.tsx'

/** The way in for latecomers: QR code, the short code, and where to type it. */
export function ProjectorJoin({ info, compact }: { info: BoardDisplayInfo; compact: boolean }) {
  const { t } = useTranslation()
  const url = joinUrl(info.publicOrigin, info.workshop.joinCode, info.board.id)
  const host = info.publicOrigin.replace(/^https?:\/\//, '')
  const code = formatJoinCode(info.workshop.joinCode)
  return (
    <section
      className="pw-projector__join"
      data-compact={compact}
      data-testid="projector-join"
      aria-label={t('projectorView.join')}
    >
      <p className="pw-projector__join-step">{t('projectorView.scanOrType', { host: `${host}/join` })}</p>
      <div className="pw-projector__join-row">
        <QrCode text={url} label={t('projectorView.qrLabel', { url })} className="pw-projector__qr" />
        <p
          className="pw-projector__code"
          data-testid="projector-join-code"
          aria-label={t('projectorView.codeLabel', { code: info.workshop.joinCode.split('').join(' ') })}
        >
          {code}
        </p>
      </div>
    </section>
  )
}
