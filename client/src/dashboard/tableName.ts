import type { TableStatus } from '@pinnwand/shared/controlApi'
import { tableName as nameTable } from '@pinnwand/shared/tableName'
import type { TFunction } from 'i18next'

/**
 * "Tisch 3 · Mobilität" on the dashboard, by the same rule as the board header, the join page
 * and the reports (a title that numbers the table itself stays as it is); the plenary keeps
 * its own name.
 */
export function tableName(t: TFunction, table: Pick<TableStatus, 'number' | 'title'>): string {
  return nameTable(table.title, table.number, (number, title) => t('control.tableName', { number, title }))
}
