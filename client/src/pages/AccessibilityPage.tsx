import '../privacy/legal.css'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchAccessibilityStatement } from '../api/apiClient.ts'
import { LegalFooter } from '../privacy/LegalFooter.tsx'
import { useClientConfig } from '../privacy/useClientConfig.ts'
import { AppHeader } from '../ui/AppHeader.tsx'

/**
 * `/barrierefreiheit`: the accessibility statement (Erklärung zur Barrierefreiheit, BITV 2.0 § 7)
 * with its feedback contact. The operator replaces the built-in text with their own
 * (ACCESSIBILITY_STATEMENT_FILE) and names the contact (ACCESSIBILITY_CONTACT).
 */
export function AccessibilityPage() {
  const { t } = useTranslation()
  const contact = useClientConfig()?.legal?.accessibilityContact ?? null
  const [custom, setCustom] = useState<string | null>(null)
  useEffect(() => {
    fetchAccessibilityStatement().then(
      (statement) => setCustom(statement.text),
      () => undefined,
    )
  }, [])
  const contactHref = contact && (contact.includes('@') && !contact.includes('://') ? `mailto:${contact}` : contact)

  return (
    <>
      <AppHeader />
      <main className="pw-page pw-statement">
        <div className="pw-card">
          <h1>{t('legal.statement.heading')}</h1>
          {custom ? (
            <p className="pw-statement__custom" data-testid="custom-statement">
              {custom}
            </p>
          ) : (
            <>
              <p>{t('legal.statement.scope')}</p>
              <h2>{t('legal.statement.statusHeading')}</h2>
              <p>{t('legal.statement.status')}</p>
              <h2>{t('legal.statement.gapsHeading')}</h2>
              <ul>
                <li>{t('legal.statement.gapCanvas')}</li>
                <li>{t('legal.statement.gapDrawings')}</li>
                <li>{t('legal.statement.gapExports')}</li>
              </ul>
              <h2>{t('legal.statement.preparedHeading')}</h2>
              <p>{t('legal.statement.prepared')}</p>
            </>
          )}
          <h2>{t('legal.statement.feedbackHeading')}</h2>
          <p>{t('legal.statement.feedback')}</p>
          {contactHref ? (
            <p>
              <a href={contactHref}>{contact}</a>
            </p>
          ) : (
            <p className="pw-hint">{t('legal.statement.noContact')}</p>
          )}
          <h2>{t('legal.statement.enforcementHeading')}</h2>
          <p>{t('legal.statement.enforcement')}</p>
        </div>
      </main>
      <LegalFooter />
    </>
  )
}
