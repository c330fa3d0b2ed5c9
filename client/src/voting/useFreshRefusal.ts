import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useVoting } from './votingStore.ts'

/** The last refusal in words, shown for a few seconds (the live region has already read it). */
export function useFreshRefusal(): string | null {
  const { t } = useTranslation()
  const announcement = useVoting((s) => s.announcement)
  const [shown, setShown] = useState<number | null>(null)
  useEffect(() => {
    if (!announcement?.refusal) return
    setShown(announcement.seq)
    const timer = setTimeout(() => setShown(null), 6000)
    return () => clearTimeout(timer)
  }, [announcement])
  if (!announcement?.refusal || shown !== announcement.seq) return null
  return t(announcement.key, announcement.values)
}
