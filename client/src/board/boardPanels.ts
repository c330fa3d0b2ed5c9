import type { ComponentType } from 'react'
import type { Me } from '../api/apiClient.ts'

/**
 * A panel in the board's side drawer (idea list, comments, voting, history …). Each feature adds
 * its own entry in `registeredBoardPanels.ts`; the drawer shows one panel at a time, with a tab each.
 */
export interface BoardPanelDefinition {
  /** Stable id; also the `data-testid` suffix of its tab (`panel-tab-<id>`) and body (`panel-<id>`). */
  id: string
  /** i18n key of the tab label. */
  labelKey: string
  /** Whether this person gets the panel at all (e.g. history only for facilitators). */
  isAvailable?: (me: Me) => boolean
  component: ComponentType
  /** Shown on the tab next to its label (e.g. how many cards wait in the moderation inbox). */
  badge?: ComponentType
}
