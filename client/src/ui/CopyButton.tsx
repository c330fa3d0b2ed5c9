import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** Copies with the Clipboard API, or by selecting a temporary field where that is missing (plain http on a LAN). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Fall through to the old way: permissions can be denied per site.
  }
  const field = document.createElement('textarea')
  field.value = text
  field.setAttribute('readonly', '')
  field.style.position = 'fixed'
  field.style.opacity = '0'
  document.body.append(field)
  field.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    field.remove()
  }
}

/** A copy button that says "copied" for a moment (announced to screen readers). */
export function CopyButton({
  text,
  label,
  className = '',
  ariaLabel,
}: {
  text: string
  label: string
  className?: string
  /** A longer accessible name where the visible label relies on its surroundings. */
  ariaLabel?: string
}) {
  const { t } = useTranslation()
  const [result, setResult] = useState<'copied' | 'failed' | null>(null)
  useEffect(() => {
    if (!result) return
    const timer = setTimeout(() => setResult(null), 2500)
    return () => clearTimeout(timer)
  }, [result])
  return (
    <span className="pw-copy">
      <button
        type="button"
        className={`pw-button pw-button--secondary ${className}`}
        aria-label={ariaLabel}
        onClick={() => void copyText(text).then((ok) => setResult(ok ? 'copied' : 'failed'))}
      >
        {label}
      </button>
      <span className="pw-copy__result" role="status" aria-live="polite">
        {result === 'copied' ? t('common.copied') : result === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  )
}
