import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useVoting } from './votingStore.ts'

/** The last refusal in words, shown for a few seconds (the live region has already read it). */
export function useFreshRefusal(): string | null {
  const { t } = useTranslation()
  const announcement = useVoting((s) => s.announcement)
  // The refusal whose few seconds are over; a newer one shows again at once.
  const [expired, setExpired] = useState<number | null>(null)
  useEffect(() => {
    if (!announcement?.refusal) return
    const seq = announcement.seq
    const timer = setTimeout(() => setExpired(seq), 6000)
    return () => clearTimeout(timer)
  }, [announcement])
  if (!announcement?.refusal || expired === announcement.seq) return null
  return t(announcement.key, announcement.values)
}
