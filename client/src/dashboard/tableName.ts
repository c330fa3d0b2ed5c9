import type { TableStatus } from '@pinnwand/shared/controlApi'
import type { TFunction } from 'i18next'

/** "Tisch 3 · Mobilität"; the plenary keeps its own name. */
export function tableName(t: TFunction, table: Pick<TableStatus, 'number' | 'title'>): string {
  return table.number === null ? table.title : t('control.tableName', { number: table.number, title: table.title })
}
