import '../dashboard/controlRoom.css'
import { useTranslation } from 'react-i18next'
import { useDisplayInfo } from '../projector/useDisplayInfo.ts'
import { tableName } from '@pinnwand/shared/tableName'
import { useSession } from '../state/sessionStore.ts'
import { liveTableNumber } from './liveTableNumber.ts'

/**
 * "Tisch 3 · Mobilität" at the top of the board: in a hall with dozens of tables everyone can
 * check they are at the right one. The plenary shows its own name.
 */
export function TableNameChip({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useTranslation()
  const info = useDisplayInfo(boardId, token)
  const state = useSession((s) => s.boardState)
  if (!info) return null
  const { title } = info.board
  const number = liveTableNumber(info.board.number, state)
  const name = tableName(title, number, (n, text) => t('control.tableName', { number: n, title: text }))
  return (
    <span className="pw-chip pw-chip--table" data-testid="table-name" title={name}>
      {name}
    </span>
  )
}
