import { useTranslation } from 'react-i18next'
import { formatJoinCode } from '../join/joinCode.ts'
import { QrCode } from './QrCode.tsx'

/**
 * One A4 page to lay on a table (or hang at the door, for the whole room): big QR code, the
 * short code for those who type, and the address for those whose camera cannot scan.
 */
export function JoinSheet({
  workshopTitle,
  tableTitle,
  question,
  url,
  joinCode,
  origin,
}: {
  workshopTitle: string
  /** Absent on the room sheet. */
  tableTitle?: string
  question?: string
  url: string
  joinCode: string
  origin: string
}) {
  const { t } = useTranslation()
  const host = origin.replace(/^https?:\/\//, '')
  return (
    <article className="pw-sheet" data-testid="join-sheet">
      <p className="pw-sheet__workshop">{workshopTitle}</p>
      <h2 className="pw-sheet__title">{tableTitle ?? t('joinSheet.roomTitle')}</h2>
      {question ? <p className="pw-sheet__question">{question}</p> : null}
      {tableTitle ? null : <p className="pw-sheet__question">{t('joinSheet.roomIntro')}</p>}
      <QrCode text={url} label={t('joinSheet.qrLabel', { url })} className="pw-sheet__qr" />
      <p className="pw-sheet__step">{t('joinSheet.scan')}</p>
      <p className="pw-sheet__step">{t('joinSheet.orType', { host: `${host}/join` })}</p>
      <p className="pw-sheet__code" aria-label={t('joinSheet.codeLabel', { code: joinCode.split('').join(' ') })}>
        {formatJoinCode(joinCode)}
      </p>
      <p className="pw-sheet__url">{url}</p>
    </article>
  )
}
