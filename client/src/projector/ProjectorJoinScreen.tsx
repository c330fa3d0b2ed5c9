import type { BoardDisplayInfo } from '@pinnwand/shared/facilitationApi'
import { useTranslation } from 'react-i18next'
import { formatJoinCode, joinUrl } from '../join/joinCode.ts'
import { QrCode } from '../print/QrCode.tsx'

/** The way in, full screen: the table's name, a QR code of more than half the height, and the code. */
export function ProjectorJoinScreen({ info }: { info: BoardDisplayInfo | null }) {
  const { t } = useTranslation()
  if (!info) return <section className="pw-stage pw-stage--join" data-testid="projector-join-screen" />
  const url = joinUrl(info.publicOrigin, info.workshop.joinCode, info.board.id)
  const host = info.publicOrigin.replace(/^https?:\/\//, '')
  return (
    <section
      className="pw-stage pw-stage--join"
      data-testid="projector-join-screen"
      aria-label={t('projectorView.join')}
    >
      <QrCode text={url} label={t('projectorView.qrLabel', { url })} className="pw-stage__qr" />
      <div className="pw-stage__join-text">
        <p className="pw-stage__board">{info.workshop.title}</p>
        <h1 className="pw-stage__table" data-testid="projector-join-table">
          {info.board.title}
        </h1>
        <p className="pw-stage__join-step">{t('projectorMode.joinAt', { host: `${host}/join` })}</p>
        <p
          className="pw-stage__code"
          data-testid="projector-join-screen-code"
          aria-label={t('projectorView.codeLabel', { code: info.workshop.joinCode.split('').join(' ') })}
        >
          {formatJoinCode(info.workshop.joinCode)}
        </p>
      </div>
    </section>
  )
}
