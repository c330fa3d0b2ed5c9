import { useTranslation } from 'react-i18next'
import { useAction } from '../voting/useAction.ts'
import { describePrivateError } from './describeError.ts'

/**
 * One server action at a time on a held card (private card, moderation inbox): `busy` while it
 * runs, the reason in the UI's words when it failed. `run` answers whether it succeeded.
 */
export function useCardAction() {
  const { t } = useTranslation()
  const { busy, error, run } = useAction()
  return { busy, run, error: error === null ? null : describePrivateError(t, error) }
}
