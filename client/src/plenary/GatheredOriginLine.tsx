import { useTranslation } from 'react-i18next'
import type { GatheredOrigin } from './gatheredCards.ts'

/** "Tisch 2 · Rang 1 · 5 Punkte": where a gathered idea comes from, in words. */
export function useOriginText(): (origin: GatheredOrigin) => string {
  const { t } = useTranslation()
  return (origin) =>
    [
      t('plenary.origin.table', { number: origin.tableNumber }),
      ...(origin.rank !== null ? [t('plenary.origin.rank', { rank: origin.rank })] : []),
      ...(origin.votes !== null ? [t('plenary.origin.votes', { count: origin.votes })] : []),
    ].join(' · ')
}

/** The line under a gathered card's text, where other cards name their author. */
export function GatheredOriginLine({ origin, fontSize }: { origin: GatheredOrigin; fontSize: number }) {
  const text = useOriginText()(origin)
  return (
    <div className="pw-idea-card__author pw-idea-card__origin" style={{ fontSize }} data-testid="gathered-origin">
      {text}
    </div>
  )
}
