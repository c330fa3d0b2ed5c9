import { ServiceKey } from '../features/FeatureServices.ts'
import type { Moderation } from './Moderation.ts'

/** The report counts a board's rejected cards (export). */
export const ModerationSections = new ServiceKey<Pick<Moderation, 'section'>>('moderation.sections')
