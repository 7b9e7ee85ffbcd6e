/** The current deck, kept fresh by `deck:changed` pushes (hot reload). */
import { useEffect, useState } from 'react'
import { api, errorMessage } from '../lib/api'
import { takeEarlyDeck } from '../lib/early-deck'
import { afterDeckAnswer, type DeckState } from './deck-answer'

export type { DeckState } from './deck-answer'

export function useDeck(): DeckState {
  const [state, setState] = useState<DeckState>({ deck: null, error: null })
  useEffect(() => {
    let alive = true
    let pushed = false
    const off = api.on('deck:changed', (deck) => {
      pushed = true
      setState({ deck, error: null })
    })
    // The request main.tsx sent before React ran: see [Note: the deck is asked for first].
    ;(takeEarlyDeck() ?? api['deck:get']({}))
      .then((deck) => alive && setState((current) => afterDeckAnswer(current, { deck }, pushed)))
      .catch((error: unknown) => alive && setState((current) => afterDeckAnswer(current, { error: errorMessage(error) }, pushed)))
    return () => {
      alive = false
      off()
    }
  }, [])
  return state
}
