import { IdeaListPanel } from '../ideas/IdeaListPanel.tsx'
import { CommentsPanel } from '../comments/CommentsPanel.tsx'
import { lazy } from 'react'
import { FacilitationPanel } from '../facilitation/FacilitationPanel.tsx'
import { VotingPanel } from '../voting/VotingPanel.tsx'
import { ModerationInboxBadge } from '../moderation/ModerationInboxBadge.tsx'
import type { BoardPanelDefinition } from './boardPanels.ts'

// Facilitator-only tools load when first opened: participants' phones never download them.
const ExportPanel = lazy(() => import('../export/ExportPanel.tsx').then((m) => ({ default: m.ExportPanel })))
const HistoryPanel = lazy(() => import('../history/HistoryPanel.tsx').then((m) => ({ default: m.HistoryPanel })))
const ModerationInboxPanel = lazy(() =>
  import('../moderation/ModerationInboxPanel.tsx').then((m) => ({ default: m.ModerationInboxPanel })),
)
const IdeaImportPanel = lazy(() =>
  import('../ideaImport/IdeaImportPanel.tsx').then((m) => ({ default: m.IdeaImportPanel })),
)

/** The side drawer's panels, in tab order. One line per feature. */
export const registeredBoardPanels: BoardPanelDefinition[] = [
  { id: 'ideas', labelKey: 'ideas.panelTab', component: IdeaListPanel },
  {
    id: 'facilitation',
    labelKey: 'facilitation.panelTab',
    component: FacilitationPanel,
    isAvailable: (me) => me.role === 'facilitator',
  },
  {
    id: 'moderation',
    labelKey: 'moderation.panelTab',
    component: ModerationInboxPanel,
    badge: ModerationInboxBadge,
    isAvailable: (me) => me.role === 'facilitator',
  },
  { id: 'voting', labelKey: 'voting.panelTab', component: VotingPanel },
  { id: 'comments', labelKey: 'comments.panelTab', component: CommentsPanel },
  { id: 'export', labelKey: 'export.panelTab', component: ExportPanel, isAvailable: (me) => me.role === 'facilitator' },
  {
    id: 'history',
    labelKey: 'history.panelTab',
    component: HistoryPanel,
    isAvailable: (me) => me.role === 'facilitator',
  },
  {
    id: 'import',
    labelKey: 'ideaImport.panelTab',
    component: IdeaImportPanel,
    isAvailable: (me) => me.role === 'facilitator',
  },
]
