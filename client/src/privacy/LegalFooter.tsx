import './legal.css'
import { useTranslation } from 'react-i18next'
import { paths } from '../router.ts'
import { Link } from '../ui/Link.tsx'
import { useClientConfig } from './useClientConfig.ts'

/**
 * Footer of every page around the board (`compact`: inside the board's "Wer ist hier" panel): the operator's Impressum and privacy notice (IMPRINT_URL,
 * PRIVACY_URL; a public body must link them from every page) and the accessibility statement.
 */
export function LegalFooter({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation()
  const legal = useClientConfig()?.legal
  return (
    <footer className={compact ? 'pw-legal-footer pw-legal-footer--compact' : 'pw-legal-footer'}>
      <nav aria-label={t('legal.footerLabel')}>
        <ul>
          {legal?.imprintUrl ? (
            <li>
              <a href={legal.imprintUrl}>{t('legal.imprint')}</a>
            </li>
          ) : null}
          {legal?.privacyUrl ? (
            <li>
              <a href={legal.privacyUrl}>{t('legal.privacy')}</a>
            </li>
          ) : null}
          <li>
            <Link to={paths.accessibility()}>{t('legal.accessibility')}</Link>
          </li>
          <li>
            <a href="/third-party-licenses.txt">{t('legal.licenses')}</a>
          </li>
        </ul>
      </nav>
    </footer>
  )
}
