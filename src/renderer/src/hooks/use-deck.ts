/** The current deck, kept fresh by `deck:changed` pushes (hot reload). */
import { useEffect, useState } from 'react'
import type { Deck } from '../../../shared/types'
import { api, errorMessage } from '../lib/api'
import { takeEarlyDeck } from '../lib/early-deck'

export interface DeckState {
  deck: Deck | null
  error: string | null
}

export function useDeck(): DeckState {
  const [state, setState] = useState<DeckState>({ deck: null, error: null })
  useEffect(() => {
    let alive = true
    const off = api.on('deck:changed', (deck) => setState({ deck, error: null }))
    // The request main.tsx sent before React ran: see [Note: the deck is asked for first].
    ;(takeEarlyDeck() ?? api['deck:get']({}))
      .then((deck) => alive && setState((current) => (current.deck && current.deck.revision > deck.revision ? current : { deck, error: null })))
      .catch((error: unknown) => alive && setState({ deck: null, error: errorMessage(error) }))
    return () => {
      alive = false
      off()
    }
  }, [])
  return state
}
