import type { BoardPanelDefinition } from './boardPanels.ts'

/** The side drawer's panels, in tab order. One line per feature. */
export const registeredBoardPanels: BoardPanelDefinition[] = []
