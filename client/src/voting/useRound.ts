import type { RoundStateSection } from '@pinnwand/shared/votingApi'
import { useRef } from 'react'
import { useSession } from '../state/sessionStore.ts'
import { readRoundSection } from './readRoundSection.ts'

/**
 * The board's current voting round (the open one, or the latest), as the server publishes it on
 * the board-state channel: settings, status and progress — never the distribution. Keeps its
 * identity while nothing changed, so components don't re-render on unrelated state messages.
 */
export function useRound(): RoundStateSection | null {
  const last = useRef<{ key: string; round: RoundStateSection | null }>({ key: 'null', round: null })
  return useSession((state) => {
    const round = readRoundSection(state.boardState?.round)
    const key = JSON.stringify(round)
    if (key !== last.current.key) last.current = { key, round }
    return last.current.round
  })
}

/** A round's settings and status: what a card's dot buttons depend on, without the progress. */
export type RoundRules = Omit<RoundStateSection, 'voters' | 'totalVotes'>

let lastSection: unknown
let lastRulesKey = 'null'
let lastRules: RoundRules | null = null

/** The rules of the section the store holds; the same object while they stay the same. */
function rulesOf(section: unknown): RoundRules | null {
  if (section === lastSection) return lastRules
  lastSection = section
  const round = readRoundSection(section)
  let rules: RoundRules | null = null
  if (round) {
    const { voters: _voters, totalVotes: _totalVotes, ...rest } = round
    rules = rest
  }
  const key = JSON.stringify(rules)
  if (key !== lastRulesKey) {
    lastRulesKey = key
    lastRules = rules
  }
  return lastRules
}

/**
 * The current round's rules for components drawn once per card (the dot buttons on every idea
 * card). Unlike `useRound` it ignores the progress the server publishes every half second while
 * people vote, so 150 cards do not re-render with every new dot in the room, and it is worked
 * out once per state message for all of them, not once per card.
 */
export function useRoundRules(): RoundRules | null {
  return useSession((state) => rulesOf(state.boardState?.round))
}
