import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { create } from 'zustand'
import { useAnnouncer } from '../ideas/announcer.ts'

const VISIBLE_MS = 5000

export const useUndoNotice = create<{ seq: number; show(): void; hide(): void }>()((set) => ({
  seq: 0,
  show: () => set((state) => ({ seq: state.seq + 1 })),
  hide: () => set({ seq: 0 }),
}))

/** Tells the person that their undo left someone else's later change alone (and why). */
export function UndoNotice() {
  const { t } = useTranslation()
  const seq = useUndoNotice((state) => state.seq)
  const announce = useAnnouncer()
  useEffect(() => {
    if (seq === 0) return
    announce(t('undo.keptOthers'))
    const timer = setTimeout(() => useUndoNotice.getState().hide(), VISIBLE_MS)
    return () => clearTimeout(timer)
  }, [seq, announce, t])
  if (seq === 0) return null
  return (
    <div className="pw-undo-notice" data-testid="undo-notice">
      {t('undo.keptOthers')}
    </div>
  )
}
