/** How the first `deck:get` answer meets the pushes that came before it (pure; used by useDeck). */
import type { Deck } from '../../../shared/types'

export interface DeckState {
  deck: Deck | null
  error: string | null
}

/**
 * What the first `deck:get` answer does to the state.
 * [Note: a push beats an answer] The host may push a deck (the load-time problems added, same revision)
 * while the answer to an earlier `deck:get` is still on its way; a push carries the newest state, so once
 * one arrived an answer replaces it only with a newer revision, and a failed request no longer matters.
 */
export function afterDeckAnswer(current: DeckState, answer: { deck: Deck } | { error: string }, pushed: boolean): DeckState {
  if ('error' in answer) return pushed && current.deck ? current : { deck: null, error: answer.error }
  if (current.deck && (pushed ? current.deck.revision >= answer.deck.revision : current.deck.revision > answer.deck.revision)) return current
  return { deck: answer.deck, error: null }
}
