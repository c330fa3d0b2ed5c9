import { PrivatePhaseControls } from '../privatePhase/PrivatePhaseControls.tsx'
import { ProjectorControls } from './ProjectorControls.tsx'
import { TimerControls } from './TimerControls.tsx'
import { ViewControls } from './ViewControls.tsx'
import './facilitation.css'

/** The facilitator's side-drawer panel: timer, Stilles Sammeln, "bring everyone", "follow me", what the projector shows. */
export function FacilitationPanel() {
  return (
    <div className="pw-facilitation" data-testid="facilitation-panel">
      <TimerControls />
      <PrivatePhaseControls />
      <ViewControls />
      <ProjectorControls />
    </div>
  )
}
