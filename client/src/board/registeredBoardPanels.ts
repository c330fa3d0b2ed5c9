import { IdeaListPanel } from '../ideas/IdeaListPanel.tsx'
import { CommentsPanel } from '../comments/CommentsPanel.tsx'
import { ExportPanel } from '../export/ExportPanel.tsx'
import { HistoryPanel } from '../history/HistoryPanel.tsx'
import { IdeaImportPanel } from '../ideaImport/IdeaImportPanel.tsx'
import { FacilitationPanel } from '../facilitation/FacilitationPanel.tsx'
import { VotingPanel } from '../voting/VotingPanel.tsx'
import type { BoardPanelDefinition } from './boardPanels.ts'

/** The side drawer's panels, in tab order. One line per feature. */
export const registeredBoardPanels: BoardPanelDefinition[] = [
  { id: 'ideas', labelKey: 'ideas.panelTab', component: IdeaListPanel },
  { id: 'facilitation', labelKey: 'facilitation.panelTab', component: FacilitationPanel, isAvailable: (me) => me.role === 'facilitator' },
  { id: 'voting', labelKey: 'voting.panelTab', component: VotingPanel },
  { id: 'comments', labelKey: 'comments.panelTab', component: CommentsPanel },
  { id: 'export', labelKey: 'export.panelTab', component: ExportPanel, isAvailable: (me) => me.role === 'facilitator' },
  { id: 'history', labelKey: 'history.panelTab', component: HistoryPanel, isAvailable: (me) => me.role === 'facilitator' },
  { id: 'import', labelKey: 'ideaImport.panelTab', component: IdeaImportPanel, isAvailable: (me) => me.role === 'facilitator' },
]
