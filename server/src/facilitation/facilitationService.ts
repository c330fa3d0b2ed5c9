import { ServiceKey } from '../features/FeatureServices.ts'
import type { Facilitation } from './Facilitation.ts'

/** Voting puts a revealed round's ranking on the projector. */
export const ResultsDisplay = new ServiceKey<Pick<Facilitation, 'showResultsOnReveal'>>('facilitation.results')

/** The control room shows every table's timer. */
export const BoardTimers = new ServiceKey<Pick<Facilitation, 'timerOf'>>('facilitation.timers')
